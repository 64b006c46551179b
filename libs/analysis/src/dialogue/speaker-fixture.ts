import type { CastMember } from '@storyboard/domain';

/** Hand-written dialogue (original sentences) with the speaker of every quoted line, in order;
 * `null` where the text does not say who speaks. */
export const ENGLISH_FIXTURE = {
  text: `CHAPTER I. The Lighthouse

Mara climbed the last of the stone steps and found the Keeper waiting by the lamp.

“You are late,” said the Keeper.

“The ferry broke down twice,” Mara replied.

“Then you will want tea.”

“I would like that very much.”

“Sugar?”

“No, thank you.”

Captain Holt pushed open the door and stamped the snow from his boots.

‘They are on the shelf,’ said Mr. Pell, ‘where you left them.’

“Not there,” Holt said. “I looked twice.”

Mara laughed. “Try the kitchen, then.”

“The kitchen!” cried Holt.

“I will fetch them,” whispered the Keeper, and went down.

“Somebody ought to,” said a voice from the stairs.

Mr. Pell turned to Mara and said, “Do you always travel alone?”

“Since my brother left, yes.”

“Where did he go?”

“South, to the islands.”

The Keeper came back with a roll of paper under his arm. “Your charts, Captain.”

Holt snatched them. “At last.”

“You might thank him,” Mara said quietly.
`,
  cast: [
    { id: 'mara', name: 'Mara', aliases: [] },
    { id: 'keeper', name: 'the Keeper', aliases: [] },
    { id: 'holt', name: 'Captain Holt', aliases: ['Holt'] },
    { id: 'pell', name: 'Mr. Pell', aliases: ['Pell'] },
  ] satisfies CastMember[],
  speakers: [
    'keeper',
    'mara',
    'keeper',
    'mara',
    'keeper',
    'mara',
    'pell',
    'pell',
    'holt',
    'holt',
    'mara',
    'holt',
    'keeper',
    null,
    'pell',
    'mara',
    'pell',
    'mara',
    'keeper',
    'holt',
    'mara',
  ],
};

export const CHINESE_FIXTURE = {
  text: `第一章 山路

林风背着药箱走到村口，正遇见老周在井边打水。

老周笑道：“林大夫，今日来得早啊。”

林风道：“听说你家孙儿病了，特来看看。”

老周叹道：“烧了两夜，总不见退。”

“先带我去看看。”

“这边请。”

阿秀从屋里跑出来，叫道：“爷爷，弟弟醒了！”

林风问：“他可曾吃过东西？”

阿秀摇头道：“只喝了半碗米汤。”

林风点头，说：“不妨事，我开一副药。”

老周连忙问道：“要多少钱？”

林风笑道：“乡里乡亲，不必提钱。”

一个过路的货郎插嘴道：“好一个菩萨心肠的大夫！”

阿秀道：“你是谁？”货郎道：“卖针线的。”

老周喝道：“阿秀，不得无礼。”

阿秀嘟着嘴，低声说：“我不过问一句。”

林风对老周道：“孩子问得好。”

老周道：“大夫莫怪。”林风道：“哪里的话。”
`,
  cast: [
    { id: 'lin', name: '林风', aliases: ['林大夫'] },
    { id: 'zhou', name: '老周', aliases: [] },
    { id: 'xiu', name: '阿秀', aliases: [] },
  ] satisfies CastMember[],
  speakers: [
    'zhou',
    'lin',
    'zhou',
    'lin',
    'zhou',
    'xiu',
    'lin',
    'xiu',
    'lin',
    'zhou',
    'lin',
    null,
    'xiu',
    null,
    'zhou',
    'xiu',
    'lin',
    'zhou',
    'lin',
  ],
};
