/**
 * `re.test(text.charAt(at))`, remembered per UTF-16 unit: a class tested on the one character
 * next to every mention of a name (`，` before `行者`) is run once per distinct character, not once
 * per mention (speed). `re` must be neither global nor sticky.
 */
export function charTest(re: RegExp): (text: string, at: number) => boolean {
  /** Per unit: 0 not yet tested, 1 no, 2 yes. */
  const known = new Uint8Array(0x10000);
  const outside = re.test('');
  return (text, at) => {
    const c = text.charCodeAt(at);
    if (Number.isNaN(c)) return outside;
    let k = known[c] as number;
    if (k === 0) known[c] = k = re.test(String.fromCharCode(c)) ? 2 : 1;
    return k === 2;
  };
}
