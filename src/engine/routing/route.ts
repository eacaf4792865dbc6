// route(): the one function that makes every discrete routing decision. The trainer, the
// views and the tests all call it, so what is drawn is exactly what was trained. It checks
// what every scheme shares and hands over to the scheme's own route in traits.ts.

import { SCHEMES, scoreFunctionOf, traitsOf } from './traits';
import type { RouterSpec, Routing } from './types';
import { checkDims, checkK, fail } from './validate';

export function route(logits: Float32Array, T: number, E: number, spec: RouterSpec): Routing {
  checkDims(logits, T, E);
  if (!spec || !SCHEMES.includes(spec.scheme)) {
    fail(`unknown scheme '${String(spec?.scheme)}'; expected one of ${SCHEMES.join(', ')}`);
  }
  const traits = traitsOf(spec.scheme);
  if (traits.perToken) checkK(spec.k, E);
  const mode = spec.mode ?? 'train';
  if (mode !== 'train' && mode !== 'eval') fail(`unknown mode '${String(spec.mode)}'; expected train or eval`);
  const routing = traits.route(logits, T, E, spec);
  return Object.assign(routing, { scheme: spec.scheme, scoreFunction: scoreFunctionOf(spec.scheme, spec) });
}
