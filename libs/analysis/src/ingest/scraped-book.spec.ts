import { planChunks } from '@storyboard/domain';
import { describe, expect, it } from 'vitest';
import { HeuristicStoryboardGenerator } from '../heuristic-storyboard-generator';
import { HeuristicTextAnalyzer } from '../heuristic-text-analyzer';
import { STRIPPED_LINE_CLASSES } from './boilerplate';

/** A chapter as a website serves it: one physical line, paragraphs behind full-width indents. */
function scrapedChapter(n: number): string {
  const paragraphs: string[] = [];
  for (let i = 0; i < 12; i++) {
    paragraphs.push(
      `林风背着药箱走进村子，看见老周正在井边打水，便停下脚步四处张望了一回。天色渐晚，村口的狗叫了几声，远处的山上起了一层薄雾。`,
    );
    paragraphs.push(`老周笑道：“林大夫，今日来得早啊，第${n}回又见面了。”`);
    paragraphs.push(`林风道：“听说你家孙儿病了，特来看看。”两人一前一后进了院子。`);
  }
  return paragraphs.map((p) => `\u3000\u3000${p}`).join('');
}

function scrapedBook(): string {
  const chapters = [1, 2, 3].map((n) =>
    [
      `第${'一二三'[n - 1]}章 山路${n}`,
      `更新时间:2012-03-0${n} 12:34:56 本章字数:3${n}21`,
      scrapedChapter(n),
      '本章未完，请点击下一页继续阅读',
      '笔趣阁 www.example-novels.com 最新章节',
    ].join('\n'),
  );
  return ['《山路》', ...chapters].join('\n');
}

async function run(source: string) {
  const analyzer = new HeuristicTextAnalyzer();
  const ingested = await analyzer.ingest(new TextEncoder().encode(source));
  const outline = await analyzer.outline(ingested.text, ingested.language);
  const panels = [];
  for (const chunk of planChunks(ingested.text, outline.chapters, 60_000)) {
    const fragment = await new HeuristicStoryboardGenerator().generate({
      chunk,
      text: ingested.text.slice(chunk.span.start, chunk.span.end),
      language: ingested.language,
      cast: outline.cast,
    });
    for (const s of fragment.sections) for (const sc of s.scenes) panels.push(...sc.panels);
  }
  return { ingested, outline, panels };
}

describe('a Chinese book scraped from a website', () => {
  it('lists every stripped line class in one place', () => {
    expect(STRIPPED_LINE_CLASSES.map((c) => c.name).join('\n')).toMatch(/更新时间/);
  });

  it('keeps exactly its chapters, without site metadata or prompts', async () => {
    const { ingested, outline } = await run(scrapedBook());
    expect(outline.chapters.map((c) => c.title)).toEqual([
      '第一章 山路1',
      '第二章 山路2',
      '第三章 山路3',
    ]);
    expect(ingested.text).not.toMatch(/更新时间|本章字数|本章未完|笔趣阁|www\./);
  });

  it('splits each one-line chapter into its paragraphs and panels at the beat level', async () => {
    const { ingested, panels } = await run(scrapedBook());
    expect(ingested.text.split('\n').filter((l) => l.trim() !== '').length).toBeGreaterThan(100);
    expect((panels.length * 10_000) / ingested.text.length).toBeGreaterThanOrEqual(15);
    expect(panels[0]?.narration ?? panels[0]?.description).not.toMatch(/更新时间|字数/);
  });

  it('gives a chapter printed as one giant paragraph (no indents) panels per beat', async () => {
    const giant = scrapedChapter(1).replace(/\u3000/g, '');
    const source = `第一章 山路\n${giant}\n第二章 河边\n${giant}`;
    const { ingested, panels } = await run(source);
    expect(ingested.text.split('\n').length).toBeLessThan(6);
    expect((panels.length * 10_000) / ingested.text.length).toBeGreaterThanOrEqual(15);
  });
});
