export { route } from './route';
export { splitmix32 } from './hash';
export { tokenCapacity, expertChoiceCapacity } from './capacity';
export * from './types';
export { SCHEMES, SCHEME_TRAITS, traitsOf, needs, gateFormula, isScheme, type SchemeTraits, type SchemeNeed, type GateFormula } from './traits';
