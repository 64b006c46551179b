import type { Language } from '@storyboard/domain';

/** English nouns that name a place (the last word of `the kitchen`, `the old mill`). */
const EN_PLACE_NOUNS =
  'room|kitchen|parlour|parlor|hall|study|library|office|bedroom|chamber|cellar|attic|garret|house|cottage|lodge|lodgings|palace|castle|tower|lighthouse|church|chapel|cathedral|abbey|prison|court|courtyard|yard|garden|gardens|park|street|lane|road|square|market|shop|inn|tavern|hotel|station|bank|harbour|harbor|quay|wharf|dock|pier|beach|shore|coast|island|village|town|city|farm|mill|barn|stable|forest|wood|woods|meadow|field|fields|hill|valley|river|bridge|moor|cave|camp|school|hospital|theatre|theater|museum|club|ship|deck|cabin|carriage|coach|train|platform';
/** Capitalised words after `In`/`At` that are times, not places. */
const EN_NOT_PLACES =
  /^(?:January|February|March|April|May|June|July|August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Christmas|Easter|Michaelmas|Lent|Heaven|God|First|Last|Length|Once|Least|Any|All|One|Mr|Mrs|Ms|Dr|Miss|Sir|Madame|Monsieur|Mademoiselle|Lady|Lord|Captain|Colonel|Doctor|Professor|Uncle|Aunt|Saint|St)\b/;
const NAME = `[A-Z][\\w'’-]*(?:\\s+(?:of\\s+(?:the\\s+)?|de\\s+|on\\s+)?[A-Z][\\w'’-]*){0,4}`;
const COMMON = `(?:[a-z][\\w'’-]*\\s+){0,2}(?:${EN_PLACE_NOUNS})(?:\\s+of\\s+(?:the\\s+)?${NAME})?`;
const DET = '(?:the|a|an|his|her|their|our|my|this|that)\\s+';
const END = '(?=[\\s,;.:!?—-]|$)';
/** `In the kitchen, …` / `At Tellson's Bank …` / `On the quay …` opening the scene. */
const EN_OPENING = new RegExp(
  `^(?:(?:In|At|Inside|Within|Outside)\\s+((?:${DET}${COMMON}|${NAME}))|(?:On|Near|Beside|By)\\s+(${DET}${COMMON}))${END}`,
);
/** `… they arrived at the inn …` in the scene's first sentence. */
const EN_ARRIVAL = new RegExp(
  `\\b(?:arrived at|arrived in|reached|entered|came to|came into|went into|walked into|returned to|stood in|sat in)\\s+((?:${DET}${COMMON}|${NAME}))${END}`,
);

const ZH_PLACE = `[^\\s\\p{P}在的了是着和与说道来去到进见他她我你时那这]{1,6}(?:山|洞|宫|殿|寺|府|城|国|村|庄|河|江|海|岭|关|庙|院|店|楼|堂|桥|镇|屋|房|林|园|台|阁|庵|观|州|县|街|巷|市|岛|湖|塔|营|寨|坡|谷|岸|厅|室|学校|教室|医院|车站|码头)`;
/** `来到花果山` / `进了水帘洞` in the scene's first sentence. */
const ZH_ARRIVAL = new RegExp(
  `(?:来到|到了|走到|行到|走进|进了|进入|回到|到得|来至|驾到)了?(${ZH_PLACE})`,
  'u',
);
/** `ZH_ARRIVAL`'s verbs alone: most openings have none, and this plain pattern says so for much
 * less than the full one (a Unicode pattern with a property class) costs to try. */
const ZH_ARRIVAL_VERB = /来到|到了|走到|行到|走进|进了|进入|回到|到得|来至|驾到/;
/** `青石镇坐落在…` / `却说花果山…` / `在水帘洞中…` opening the scene. */
const ZH_OPENING = new RegExp(
  `^(?:却说|话说|且说)?(?:那|这)?(?:(${ZH_PLACE})(?:坐落在|位于|地处|里|中|内|上)|在(${ZH_PLACE}))`,
  'u',
);

/**
 * The place a scene's opening states (`In the kitchen, …`, `They arrived at the inn`, `来到花果山`,
 * `青石镇坐落在…`), or undefined when its first sentence names none. Only the scene's first
 * sentence of narration is read: a place named later may be somewhere the characters only talk
 * about. Never a guess: no place word, no location.
 */
export function sceneLocation(
  opening: string,
  language: Language,
  people: ReadonlySet<string> = new Set(),
): string | undefined {
  const text = opening.replace(/\s+/g, ' ').trim();
  if (language === 'zh') {
    const first = text.slice(0, 80).split(/[。！？；“「]/)[0] ?? '';
    const m =
      ZH_OPENING.exec(first) ?? (ZH_ARRIVAL_VERB.test(first) ? ZH_ARRIVAL.exec(first) : null);
    const place = m ? (m[1] ?? m[2]) : undefined;
    return place && !people.has(place) ? place : undefined;
  }
  const first = text.slice(0, 240).split(/(?<=[.!?])\s|[“"‘]/)[0] ?? '';
  const m = EN_OPENING.exec(first) ?? EN_ARRIVAL.exec(first);
  const place = (m?.[1] ?? m?.[2])?.trim();
  if (!place) return undefined;
  const bare = place.replace(new RegExp(`^${DET}`), '');
  // `In Alice's hand`, `At Mr. Lorry's side`, `reached Holmes`: a person, not a place.
  if (EN_NOT_PLACES.test(bare) || /['’]s$/.test(bare) || people.has(bare) || people.has(place))
    return undefined;
  return place;
}
