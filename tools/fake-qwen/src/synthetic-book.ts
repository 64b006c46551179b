/** A synthetic English novel of `chapters` chapters, each about `charsPerChapter` long, with
 * a cast line: with CHUNK_MAX_CHARS just above one chapter, one chunk per chapter. */
export function syntheticBook(chapters: number, charsPerChapter = 800): Uint8Array {
  const paragraph = (c: number, p: number) =>
    `“Hurry,” said Alice in hall ${c}, as the Rabbit ran past door ${p} with his watch and gloves.`;
  const body = (c: number) => {
    const out: string[] = [];
    for (let p = 1, size = 0; size < charsPerChapter; p++) {
      const text = paragraph(c, p);
      out.push(text);
      size += text.length + 2;
    }
    return out.join('\n\n');
  };
  const text = [
    'Cast: Alice, Rabbit',
    ...Array.from({ length: chapters }, (_, i) => `CHAPTER ${i + 1}\n\n${body(i + 1)}`),
  ].join('\n\n');
  return new TextEncoder().encode(text);
}
