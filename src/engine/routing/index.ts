export { route } from './route';
export { splitmix32 } from './hash';
export { tokenCapacity, expertChoiceCapacity } from './capacity';
export * from './types';
