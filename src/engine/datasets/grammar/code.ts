// Generated code, one statement a line: declarations, assignments, conditions, loops, calls and
// returns over a few names and small numbers, with the punctuation that keywords bring ('for ('
// is followed by a name, ') {' by a statement). Keywords and names are several characters long,
// so the next character depends on more than the one before it.

import { between, chance, pick } from './pick';

const NAMES = ['a', 'b', 'i', 'n', 'x', 'y', 'sum', 'count', 'total', 'size', 'item', 'left', 'right', 'step'];
const FUNCS = ['max', 'min', 'abs', 'push', 'add', 'get', 'draw', 'sort'];
const OPS = ['+', '-', '*'];
const COMPARE = ['<', '>', '<=', '>=', '===', '!=='];
const UPDATE = ['+=', '-=', '*='];

function value(rand: () => number): string {
  return chance(rand, 0.5) ? pick(rand, NAMES) : String(between(rand, 0, 9));
}

function expression(rand: () => number): string {
  if (chance(rand, 0.25)) return `${pick(rand, FUNCS)}(${value(rand)}, ${value(rand)})`;
  return chance(rand, 0.3) ? value(rand) : `${value(rand)} ${pick(rand, OPS)} ${value(rand)}`;
}

function simple(rand: () => number): string {
  const name = pick(rand, NAMES);
  const form = rand();
  if (form < 0.35) return `${name} = ${expression(rand)};`;
  if (form < 0.6) return `${name} ${pick(rand, UPDATE)} ${value(rand)};`;
  if (form < 0.8) return `return ${expression(rand)};`;
  return `${name}.${pick(rand, FUNCS)}(${value(rand)});`;
}

/** One line of code. */
export function codeLine(rand: () => number): string {
  const form = rand();
  if (form < 0.25) return `${pick(rand, ['let', 'const'])} ${pick(rand, NAMES)} = ${expression(rand)};`;
  if (form < 0.45) return `if (${pick(rand, NAMES)} ${pick(rand, COMPARE)} ${value(rand)}) ${simple(rand)}`;
  if (form < 0.6) {
    const i = pick(rand, ['i', 'j', 'k']);
    return `for (let ${i} = 0; ${i} < ${value(rand)}; ${i}++) ${simple(rand)}`;
  }
  if (form < 0.7) return `while (${pick(rand, NAMES)} ${pick(rand, COMPARE)} ${value(rand)}) { ${simple(rand)} }`;
  return simple(rand);
}

export const CODE_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789 ()[]{};=+-*<>!.,';
