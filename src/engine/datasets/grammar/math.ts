// Arithmetic with computed results: a line of two to four equations such as '12+7=19;', each
// correct by construction. The digits of a result depend on both operands, most of which lie
// outside a short context, but the shape (digits, operator, digits, '=', digits, ';') and which
// digits may start a sum are structure beyond a bigram.

import { between, pick } from './pick';

/** One equation; subtraction never goes below zero. */
export function equation(rand: () => number): string {
  const op = pick(rand, ['+', '-', '*'] as const);
  if (op === '*') {
    const a = between(rand, 2, 19);
    const b = between(rand, 2, 9);
    return `${a}*${b}=${a * b};`;
  }
  const a = between(rand, 0, 99);
  const b = between(rand, 0, 99);
  if (op === '+') return `${a}+${b}=${a + b};`;
  return a >= b ? `${a}-${b}=${a - b};` : `${b}-${a}=${b - a};`;
}

export function arithmeticLine(rand: () => number): string {
  const n = between(rand, 2, 4);
  let line = '';
  for (let i = 0; i < n; i++) line += equation(rand);
  return line;
}

export const ARITHMETIC_ALPHABET = '0123456789+-*=;';
