export { route } from './route';
export { splitmix32 } from './hash';
export { tokenCapacity, expertChoiceCapacity } from './capacity';
export * from './types';
export { SCHEMES, SCHEME_TRAITS, traitsOf, needs, gateFormula, scoreFunctionOf, isScheme, type SchemeTraits, type SchemeNeed, type GateFormula, type SchemeGate, type GateSettings } from './traits';
