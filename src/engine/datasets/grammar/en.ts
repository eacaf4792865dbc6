// English-like sentences from a small grammar, lower case: a subject, a verb that agrees with it
// in number, an object the verb allows, and an optional place and time. Words are spelled out a
// character at a time, so the next character depends on more than the one before it (after "th"
// comes "e" or "r"; after " th" the word is "the", "this" or "that"), which is what lets a
// context of three beat a bigram; and the sentences number in the billions, so none is learned by heart.

import { chance, pick } from './pick';

const DETS_ONE = ['the', 'a', 'my', 'your', 'this', 'that', 'one', 'every'];
const DETS_MANY = ['the', 'my', 'your', 'these', 'those', 'two', 'some', 'many'];
const ADJS = ['small', 'big', 'red', 'old', 'quiet', 'happy', 'green', 'cold', 'bright', 'lazy', 'young', 'brown'];
/** nouns that take -s in the plural */
const NOUNS = ['cat', 'dog', 'bird', 'farmer', 'river', 'tree', 'house', 'teacher', 'boat', 'apple', 'letter', 'horse', 'garden', 'window', 'song', 'friend'];
/** the nouns that can do something: the subjects */
const AGENTS = ['cat', 'dog', 'bird', 'farmer', 'teacher', 'horse', 'friend'];
/** verbs that take -s with one subject; transitive ones take any noun as object */
const TRANSITIVE = ['see', 'find', 'like', 'help', 'paint', 'follow', 'want', 'hold', 'read', 'keep', 'need', 'call'];
const INTRANSITIVE = ['sleep', 'sing', 'run', 'swim', 'wait', 'jump', 'rest', 'walk'];
const PREPS = ['near', 'in', 'under', 'behind', 'with', 'by'];
const TIMES = ['today', 'again', 'slowly', 'often', 'at night', 'every day', 'now', 'later'];

function nounPhrase(rand: () => number, nouns: readonly string[], many: boolean): string {
  const det = pick(rand, many ? DETS_MANY : DETS_ONE);
  const adj = chance(rand, 0.4) ? `${pick(rand, ADJS)} ` : '';
  const noun = `${pick(rand, nouns)}${many ? 's' : ''}`;
  // 'a' before a vowel is 'an'
  const article = det === 'a' && /^[aeiou]/.test(adj || noun) ? 'an' : det;
  return `${article} ${adj}${noun}`;
}

/** One sentence, ending with a full stop. */
export function englishSentence(rand: () => number): string {
  const many = chance(rand, 0.4);
  const subject = nounPhrase(rand, AGENTS, many);
  const agree = (verb: string) => (many ? verb : `${verb}s`);
  let predicate: string;
  if (chance(rand, 0.65)) {
    predicate = `${agree(pick(rand, TRANSITIVE))} ${nounPhrase(rand, NOUNS, chance(rand, 0.3))}`;
  } else {
    predicate = agree(pick(rand, INTRANSITIVE));
  }
  const place = chance(rand, 0.4) ? ` ${pick(rand, PREPS)} ${nounPhrase(rand, NOUNS, false)}` : '';
  const time = chance(rand, 0.35) ? ` ${pick(rand, TIMES)}` : '';
  return `${subject} ${predicate}${place}${time}.`;
}

export const ENGLISH_ALPHABET = 'abcdefghijklmnopqrstuvwxyz .';
