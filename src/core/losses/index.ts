export { generalizedCrossEntropy } from './generalizedCrossEntropy';
export type { GeneralizedCrossEntropyOptions } from './generalizedCrossEntropy';
export { symmetricCrossEntropy } from './symmetricCrossEntropy';
export { DEFAULT_GCE_Q, DEFAULT_SCE } from './options';
export type { SymmetricCrossEntropyOptions } from './symmetricCrossEntropy';
export type { RobustLossOptions } from './robustLoss';
