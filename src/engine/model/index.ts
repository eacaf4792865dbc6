export { createTrainer } from './trainer';
export type { PartitionGridData, Trainer, StepMetrics, EvalMetrics, StepView, LiveKey } from './trainerApi';
export { defaultConfig, effectiveSizes, type MoeConfig } from './config';
export { ensureBackend, BACKEND_NAMES, type BackendName } from './backend';
export { addDomainCounts, domainExpertShare, rowShares } from './metrics';
export { makeBatch, type Batch } from './network';
