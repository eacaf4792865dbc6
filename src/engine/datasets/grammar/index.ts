// The four grammars of the streamed text, in the order of DOMAIN_IDS, and the vocabulary they
// share: every character any of them can write, known before a sentence is drawn.

import { buildVocab } from '../vocab';
import { codeLine, CODE_ALPHABET } from './code';
import { englishSentence, ENGLISH_ALPHABET } from './en';
import { arithmeticLine, ARITHMETIC_ALPHABET } from './math';
import { chineseSentence, CHINESE_ALPHABET } from './zh';

/** one sentence writer per domain: 'en', 'zh', 'code', 'math' */
export const SENTENCE_WRITERS: readonly ((rand: () => number) => string)[] = [englishSentence, chineseSentence, codeLine, arithmeticLine];

/** the pad token, then every character of the grammars in code point order */
export const STREAM_VOCAB: readonly string[] = buildVocab([ENGLISH_ALPHABET, CHINESE_ALPHABET, CODE_ALPHABET, ARITHMETIC_ALPHABET]);
