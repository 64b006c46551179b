const ROMAN: Readonly<Record<string, number>> = {
  i: 1,
  v: 5,
  x: 10,
  l: 50,
  c: 100,
  d: 500,
  m: 1000,
};

/** Value of a roman numeral (`XIV` → 14), or undefined when it is not a well-formed one. */
export function romanValue(s: string): number | undefined {
  const t = s.toLowerCase();
  if (!/^[ivxlcdm]+$/.test(t)) return undefined;
  let total = 0;
  for (let i = 0; i < t.length; i++) {
    const v = ROMAN[t.charAt(i)] ?? 0;
    const next = ROMAN[t.charAt(i + 1)] ?? 0;
    total += v < next ? -v : v;
  }
  return total > 0 && total < 4000 ? total : undefined;
}

const WORDS: readonly string[] = [
  'zero',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
  'sixteen',
  'seventeen',
  'eighteen',
  'nineteen',
  'twenty',
];
const ORDINALS: readonly string[] = [
  'zeroth',
  'first',
  'second',
  'third',
  'fourth',
  'fifth',
  'sixth',
  'seventh',
  'eighth',
  'ninth',
  'tenth',
  'eleventh',
  'twelfth',
  'thirteenth',
  'fourteenth',
  'fifteenth',
  'sixteenth',
  'seventeenth',
  'eighteenth',
  'nineteenth',
  'twentieth',
];

/** `12`, `XII`, `twelve`, `the twelfth` → 12. */
export function englishNumber(s: string): number | undefined {
  const t = s.toLowerCase().replace(/^the\s+/, '');
  if (/^\d+$/.test(t)) return Number(t);
  const w = WORDS.indexOf(t);
  if (w >= 0) return w;
  const o = ORDINALS.indexOf(t);
  if (o >= 0) return o;
  return romanValue(t);
}

const CN_DIGITS: Readonly<Record<string, number>> = {
  零: 0,
  〇: 0,
  '○': 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const CN_UNITS: Readonly<Record<string, number>> = { 十: 10, 百: 100, 千: 1000 };

/** `一百二十` → 120, `十五` → 15, `01` → 1, `一二〇` → 120. */
export function chineseNumber(s: string): number | undefined {
  if (/^\d+$/.test(s)) return Number(s);
  let total = 0;
  let digit = -1;
  let positional = true;
  for (const ch of s) if (CN_UNITS[ch] !== undefined) positional = false;
  if (positional) {
    let v = 0;
    for (const ch of s) {
      const d = CN_DIGITS[ch];
      if (d === undefined) return undefined;
      v = v * 10 + d;
    }
    return v;
  }
  for (const ch of s) {
    const d = CN_DIGITS[ch];
    const u = CN_UNITS[ch];
    if (d !== undefined) digit = d;
    else if (u !== undefined) {
      total += (digit < 0 ? 1 : digit) * u;
      digit = -1;
    } else return undefined;
  }
  if (digit > 0) total += digit;
  return total;
}
