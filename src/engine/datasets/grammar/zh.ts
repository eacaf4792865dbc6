// Chinese-like sentences from a small grammar: a subject, an optional time and adverb, and a verb
// with an object it allows (吃 takes food, 去 a place), or a subject's noun and an adjective
// (我的猫很小。), or a question with 吗. Most words are two characters, so the second character
// of a word follows from its first, and which words may follow depends on the verb: structure a
// bigram model misses. Enough combinations that no sentence is learned by heart.

import { chance, pick } from './pick';

const SUBJECTS = ['我', '你', '他', '她', '我们', '你们', '他们', '老师', '学生', '妈妈', '爸爸', '朋友', '孩子', '小猫', '医生'];
const TIMES = ['今天', '明天', '昨天', '早上', '晚上', '现在', '周末'];
const ADVERBS = ['也', '都', '常常', '不', '很少', '已经', '一起'];
/** each verb with the objects it takes */
const VERBS: readonly (readonly [string, readonly string[]])[] = [
  ['吃', ['苹果', '米饭', '面条', '鱼', '水果', '早饭']],
  ['喝', ['茶', '水', '咖啡', '牛奶', '汤']],
  ['看', ['书', '电影', '报纸', '电视', '花']],
  ['去', ['学校', '商店', '公园', '北京', '医院', '图书馆']],
  ['买', ['苹果', '书', '衣服', '牛奶', '花', '电脑']],
  ['写', ['字', '信', '作业', '日记', '名字']],
  ['喜欢', ['音乐', '电影', '小猫', '学校', '水果', '运动']],
  ['学习', ['中文', '数学', '音乐', '历史']],
];
const PLACES = ['家里', '学校', '公园', '商店', '图书馆'];
const OWNED = ['猫', '书', '房子', '朋友', '老师', '衣服', '电脑'];
const ADJECTIVES = ['小', '大', '好', '新', '旧', '漂亮', '安静', '可爱'];
const DEGREES = ['很', '非常', '不', '真', '太'];

/** One sentence, ending with 。 or ？. */
export function chineseSentence(rand: () => number): string {
  const subject = pick(rand, SUBJECTS);
  const form = rand();
  if (form < 0.25) {
    const end = chance(rand, 0.2) ? '吗？' : '。';
    return `${subject}的${pick(rand, OWNED)}${pick(rand, DEGREES)}${pick(rand, ADJECTIVES)}${end}`;
  }
  const time = chance(rand, 0.4) ? pick(rand, TIMES) : '';
  const place = chance(rand, 0.3) ? `在${pick(rand, PLACES)}` : '';
  const adverb = chance(rand, 0.4) ? pick(rand, ADVERBS) : '';
  const [verb, objects] = pick(rand, VERBS);
  const end = chance(rand, 0.2) ? '吗？' : '。';
  return `${time}${subject}${adverb}${place}${verb}${pick(rand, objects)}${end}`;
}

/** every character the grammar can write */
export const CHINESE_ALPHABET = [
  ...SUBJECTS, ...TIMES, ...ADVERBS, ...VERBS.flatMap(([v, o]) => [v, ...o]), ...PLACES, ...OWNED, ...ADJECTIVES, ...DEGREES,
  '在的吗？。',
].join('');
