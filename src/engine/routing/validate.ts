// Input checks for route(): every impossible input is a RangeError that names the problem.

import { DROP_POLICIES, NORMALIZES, type DropPolicy, type Normalize } from './contract';

function fail(message: string): never {
  throw new RangeError(message);
}

function isPositiveInt(x: number): boolean {
  return Number.isInteger(x) && x >= 1;
}

export function checkDims(logits: Float32Array, T: number, E: number): void {
  if (!isPositiveInt(T)) fail(`T (tokens) must be a positive integer, got ${T}`);
  if (!isPositiveInt(E)) fail(`E (experts) must be a positive integer, got ${E}`);
  if (!(logits instanceof Float32Array)) fail('logits must be a Float32Array');
  if (logits.length !== T * E) fail(`logits has length ${logits.length}, expected T*E = ${T * E}`);
  checkFinite(logits, 'logits', E);
}

/** names the first non-finite entry by token and expert, so a NaN can be traced */
export function checkFinite(values: Float32Array, name: string, rowLength: number): void {
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) {
      const where = rowLength > 1 ? ` (token ${Math.floor(i / rowLength)}, expert ${i % rowLength})` : '';
      fail(`${name}[${i}]${where} is ${values[i]}: every value must be finite`);
    }
  }
}

export function checkK(k: number, E: number): void {
  if (!Number.isInteger(k) || k < 1 || k > E) fail(`k must be an integer in 1..E (E = ${E}), got ${k}`);
}

/** capacity factor in hundredths, so capacity arithmetic is exact (docs/routing.md, "Capacity and drops") */
export function capacityHundredths(cf: number): number {
  if (typeof cf !== 'number' || !Number.isFinite(cf)) fail(`capacityFactor must be a finite number, got ${cf}`);
  if (cf <= 0) fail(`capacityFactor must be > 0, got ${cf}`);
  const cf100 = Math.round(cf * 100);
  if (cf100 < 1) fail(`capacityFactor must be at least 0.01, got ${cf}`);
  return cf100;
}

export function checkNormalize(n: Normalize | undefined): Normalize {
  const value = n ?? 'topk-softmax';
  if (!NORMALIZES.includes(value)) fail(`unknown normalize '${String(n)}'; expected one of ${NORMALIZES.join(', ')}`);
  return value;
}

export function checkDropPolicy(p: DropPolicy | undefined): DropPolicy {
  const value = p ?? 'slot-major';
  if (!DROP_POLICIES.includes(value)) {
    fail(`unknown dropPolicy '${String(p)}'; expected one of ${DROP_POLICIES.join(', ')}`);
  }
  return value;
}

export function checkLength(arr: ArrayLike<number> | undefined, name: string, expected: number, what: string): void {
  if (arr !== undefined && arr.length !== expected) {
    fail(`${name} has length ${arr.length}, expected ${what} = ${expected}`);
  }
}

export { fail };
