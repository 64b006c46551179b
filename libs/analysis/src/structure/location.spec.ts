import { describe, expect, it } from 'vitest';
import { sceneLocation } from './location';

describe('sceneLocation: the place a scene opening states, or nothing', () => {
  it.each([
    ['In the kitchen, Nell was peeling potatoes.', 'the kitchen'],
    ['At Tellson’s Bank the clerks were counting gold.', 'Tellson’s Bank'],
    [
      'In the black prison of the Conciergerie, the doomed awaited their fate.',
      'the black prison of the Conciergerie',
    ],
    ['On the old quay the fishermen mended their nets.', 'the old quay'],
    [
      'It was on the 3d of May that we reached the little village of Meiringen.',
      'the little village of Meiringen',
    ],
    ['Late that night they arrived at the inn, wet through.', 'the inn'],
  ])('English: %s → %s', (opening, place) => {
    expect(sceneLocation(opening, 'en')).toBe(place);
  });

  it.each([
    'In the morning the sea was flat and grey.',
    'At last the rain stopped.',
    'On Monday the letter came.',
    'In crossing the bridge, she dropped the key.',
    'In Alice’s hand the bottle grew smaller.',
    'At Mr. Lorry’s side the Doctor sat silent.',
    '“In the kitchen,” said Nell, “there is soup.”',
    'Nell ran. Later she came to the inn.',
  ])('English, no place stated at the start: %s', (opening) => {
    expect(sceneLocation(opening, 'en')).toBeUndefined();
  });

  it('English: a cast member is not a place', () => {
    expect(sceneLocation('At Holmes the dog barked.', 'en', new Set(['Holmes']))).toBeUndefined();
  });

  it.each([
    ['青石镇坐落在一条小河的拐弯处。河边种着一排老柳树。', '青石镇'],
    ['却说那大仙自元始宫散会，早来到万寿山五庄观门首。', '万寿山五庄观'],
    ['却说金头揭谛一驾云，早到了南海，按祥光。', '南海'],
    ['星期六上午，他们把纸鹤送到了医院。', '医院'],
    ['却说那金皘洞里火焰纷纷。', '金皘洞'],
  ])('Chinese: %s → %s', (opening, place) => {
    expect(sceneLocation(opening, 'zh')).toBe(place);
  });

  it.each([
    '话说这时寺中听说到了东土大唐取经僧人。',
    '却说那院中几个铁匠，因连日辛苦。',
    '行者笑道：“我到了花果山。”',
    '小雨放下书包，凑过去。后来他们来到医院。',
  ])('Chinese, no place stated at the start: %s', (opening) => {
    expect(sceneLocation(opening, 'zh')).toBeUndefined();
  });
});
