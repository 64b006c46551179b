import type { Language } from '@storyboard/domain';

/** Chinese when CJK ideographs make up a good share of the letters, English when Latin
 * letters dominate and common English words are frequent, else `other`. Looks at a sample. */
export function detectLanguage(text: string): Language {
  const sample = text.length > 200_000 ? text.slice(0, 200_000) : text;
  let cjk = 0;
  let latin = 0;
  let other = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if ((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf)) cjk++;
    else if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)) latin++;
    else if (c >= 0x370 && c < 0x2000 && isLetterCode(c)) other++;
  }
  const letters = cjk + latin + other;
  if (letters === 0) return 'other';
  if (cjk / letters >= 0.3) return 'zh';
  if (latin / letters >= 0.7) {
    const words = sample.match(/\b[a-z]+\b/gi)?.length ?? 0;
    const common = sample.match(/\b(?:the|and|of|to|a|in|was|he|she|it|that|i)\b/gi)?.length ?? 0;
    if (words > 0 && common / words >= 0.12) return 'en';
  }
  return 'other';
}

function isLetterCode(c: number): boolean {
  return /\p{L}/u.test(String.fromCharCode(c));
}
