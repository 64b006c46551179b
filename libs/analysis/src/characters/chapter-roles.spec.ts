import { describe, expect, it } from 'vitest';
import { buildCast } from './cast';
import { withChapterRoles } from './chapter-roles';

const stave = (n: string, ghost: string, others: string) =>
  [
    `STAVE ${n}: A VISIT`,
    `It was ${ghost} that stood by the bed. “Rise,” said the Ghost.`,
    ...Array.from(
      { length: 6 },
      (_, i) =>
        `“Where now?” asked Scrooge. The Ghost pointed, and Scrooge followed the Ghost ${i} times. ${others}`,
    ),
  ].join('\n\n');

const BOOK = [
  stave('I', 'the Ghost of Christmas Past', 'Then he saw Fan, and Fan smiled at him.'),
  stave('II', 'the Ghost of Christmas Present', 'Then he saw Bob, and Bob smiled at him.'),
  stave('III', 'the Ghost of Christmas Past', 'Then he saw Belle, and Belle smiled at him.'),
].join('\n\n');

describe('withChapterRoles', () => {
  it('reads a role word in each chapter as the one `the X of …` that chapter names', () => {
    const starts = [0, BOOK.indexOf('STAVE II'), BOOK.indexOf('STAVE III')];
    const { groups, roles } = withChapterRoles(
      [{ name: 'the Ghost', aliases: ['the Ghost of Christmas Present'], score: 30 }],
      BOOK,
      starts,
    );
    expect(roles).toEqual([
      { chapter: 0, generic: 'the Ghost', specific: 'the Ghost of Christmas Past' },
      { chapter: 1, generic: 'the Ghost', specific: 'the Ghost of Christmas Present' },
      { chapter: 2, generic: 'the Ghost', specific: 'the Ghost of Christmas Past' },
    ]);
    expect(groups.map((g) => [g.name, g.aliases])).toEqual([
      ['the Ghost', []],
      ['the Ghost of Christmas Past', []],
      ['the Ghost of Christmas Present', []],
    ]);
  });

  it('leaves a role with one `of` form alone (`the Queen` / `the Queen of Hearts`)', () => {
    const text = 'The Queen of Hearts shouted. The Queen ran. The Queen of Hearts sat.';
    const groups = [{ name: 'the Queen', aliases: ['the Queen of Hearts'], score: 5 }];
    expect(withChapterRoles(groups, text, [0])).toEqual({ groups, roles: [] });
  });

  it('ranks each chapter’s ghost by the role word there, with its written mentions kept', () => {
    const cast = buildCast(BOOK, 'en', [0, BOOK.indexOf('STAVE II'), BOOK.indexOf('STAVE III')]);
    const past = cast.find((c) => c.name === 'the Ghost of Christmas Past');
    const present = cast.find((c) => c.name === 'the Ghost of Christmas Present');
    expect(past?.mentions).toBe(2);
    expect(present?.mentions).toBe(1);
    // Ahead of Fan, Bob and Belle (12 mentions each, in one stave): it leads its staves.
    const rank = (name: string) => cast.findIndex((c) => c.name === name);
    expect(rank('the Ghost of Christmas Past')).toBeLessThan(rank('Bob'));
    expect(rank('the Ghost of Christmas Present')).toBeLessThan(rank('Belle'));
  });
});
