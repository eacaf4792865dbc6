export { createTrainer, type PartitionGridData, type Trainer, type StepMetrics, type EvalMetrics, type StepView, type LiveKey } from './trainer';
export { defaultConfig, effectiveSizes, type MoeConfig } from './config';
export { ensureBackend, BACKEND_NAMES, type BackendName } from './backend';
export { addDomainCounts, domainExpertShare, rowShares } from './metrics';
export { makeBatch, type Batch } from './network';
