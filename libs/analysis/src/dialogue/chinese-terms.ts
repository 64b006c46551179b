import type { Quote } from './quotes';

/** Words that put a name, a sign or an inscription in quotes: `乃是“灵台方寸山，斜月三星洞”`,
 * `唤做“如意金箍棒”`, `上写着“幽冥地府鬼门关”`, `上书“齐天大圣”`. */
const NAMING_BEFORE =
  /(?:乃是|乃|唤做|唤作|叫做|叫作|名唤|唤名|名为|号为|称为|[都皆尊号人]称|写着|书着|上书|镌着|刻着|题着|上有|贴上)$/;
/** A saying, a classic or a document quoted by the narration (`古云：`, `易曰：`, `表曰：`,
 * `真是“山中无甲子…”`): words cited, not spoken in the scene. */
const CITED_BEFORE =
  /(?:^|[，。；！？：”\s])(?:(?:易|书|历|表|经|古|古人|古语|俗语|常言)(?:曰|云|道)[：:]\s*|真是|正是)$/;
/** A character described by its parts in scraped text: `中“秃宝盖”（“冠”头、下“斗”…）`. */
const PART_BEFORE = /[左右上下中]$/;
const PART_AFTER = /^[头旁底边]/;
const ONLY_CJK = /^[\u4e00-\u9fff]{1,3}$/;
/** A quoted written word counted in characters: `“令”字旗`, `“齐天大圣”四字`, `“唵”字真言`. */
const WRITTEN_AFTER = /^[一二三四五六七八九十两几]?[个大小金]*字/;
/** Scraped text spells a rare character out: `□【左“足”右“龙”】`. */
const SPELLED_OUT = /【[^】]{0,12}$/;
const SENTENCE_END = /[。！？!?]/;

/**
 * A Chinese quote that is no speech: a name, sign or inscription (`乃“幽冥界”`), a saying or
 * document the narration cites (`古云：`, `表曰：`), a written word counted in characters, or a
 * character spelled out inside `【…】` or by its parts (`“冠”头`). Its words stay in the
 * narration instead of becoming a dialogue line nobody speaks.
 */
export function isQuotedTerm(text: string, quote: Quote): boolean {
  const before = text.slice(Math.max(0, quote.span.start - 14), quote.span.start);
  // Most quotes follow a cue's colon (`道：“…”`): speech, unless the cue cites (`古云：`); a
  // document set out on its own lines (`表曰：⏎⏎“…”`) is cited too.
  const prev = text.charCodeAt(quote.span.start - 1);
  if (prev === 0xff1a || prev === 0x3a) return CITED_BEFORE.test(before);
  if (CITED_BEFORE.test(before)) return true;
  if (SPELLED_OUT.test(before)) return true;
  if (WRITTEN_AFTER.test(text.slice(quote.span.end, quote.span.end + 4))) return true;
  const inner = text.slice(quote.inner.start, quote.inner.end);
  if (
    ONLY_CJK.test(inner) &&
    (PART_BEFORE.test(before) || PART_AFTER.test(text.charAt(quote.span.end)))
  )
    return true;
  return inner.length <= 30 && !SENTENCE_END.test(inner) && NAMING_BEFORE.test(before);
}
