import { describe, expect, it } from 'vitest';
import { parseAnswer, stripFences } from './answer';

const ANSWER = {
  sections: [
    {
      section: 1,
      scenes: [
        {
          summary: 'A storm.',
          anchor: 'The wind rose',
          characters: ['tom'],
          panels: [{ shot: 'wide', description: 'Harbour', anchor: 'The wind rose' }],
        },
      ],
    },
  ],
};
const json = JSON.stringify(ANSWER);

describe('parseAnswer', () => {
  it('accepts a plain JSON answer and fills harmless gaps', () => {
    const r = parseAnswer(json, 1);
    expect(r.ok).toBe(true);
    if (r.ok)
      expect(r.answer.sections[0]?.scenes[0]?.panels[0]).toMatchObject({
        characters: [],
        dialogue: [],
      });
  });

  it('strips a Markdown fence and prose around it', () => {
    expect(stripFences(`Sure!\n\`\`\`json\n${json}\n\`\`\`\nEnjoy.`)).toBe(json);
    expect(parseAnswer(`\`\`\`json\n${json}\n\`\`\``, 1).ok).toBe(true);
    expect(parseAnswer(`\`\`\`\n${json}`, 1).ok).toBe(true);
  });

  it('repairs a truncated answer, then checks its shape', () => {
    const cut = json.slice(0, json.indexOf('"description"'));
    const r = parseAnswer(cut, 1);
    expect(r.ok).toBe(true);
  });

  it('refuses prose instead of turning it into a JSON string', () => {
    const r = parseAnswer('I am sorry, I cannot help with that.', 1);
    expect(r).toEqual({ ok: false, errors: ['the answer is not a JSON object'] });
  });

  it('names every missing or unknown section', () => {
    const r = parseAnswer(JSON.stringify({ sections: [{ section: 3, scenes: [] }] }), 2);
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.errors).toEqual([
        'sections: there is no section 3 (1..2)',
        'sections: section 1 is missing',
        'sections: section 2 is missing',
      ]);
  });

  it('reports shape errors with their path', () => {
    const r = parseAnswer(
      JSON.stringify({ sections: [{ section: 1, scenes: [{ panels: 'x' }] }] }),
      1,
    );
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.join('\n')).toContain('sections.0.scenes.0.panels');
  });
});

describe('parseAnswer on valid JSON', () => {
  it('takes it as is, even when a string holds a stray brace (jsonrepair refused this)', () => {
    const line = '洞里这几万妖精，吐唾沫也可湅{杀他。你却将他吞在肚里';
    const answer = JSON.stringify({
      sections: [
        {
          section: 1,
          scenes: [
            {
              summary: '三个魔头',
              characters: [],
              anchor: '却说三个魔头',
              panels: [
                {
                  shot: 'medium',
                  description: '魔头说话',
                  characters: [],
                  dialogue: [
                    { speaker: null, text: line },
                    { speaker: 'c22', text: '何也？' },
                  ],
                  anchor: '却说三个魔头',
                },
              ],
            },
          ],
        },
      ],
    });
    const parsed = parseAnswer(answer, 1);
    expect(parsed.ok).toBe(true);
  });
});
