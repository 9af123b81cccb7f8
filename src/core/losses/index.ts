export { generalizedCrossEntropy, DEFAULT_GCE_Q } from './generalizedCrossEntropy';
export type { GeneralizedCrossEntropyOptions } from './generalizedCrossEntropy';
export { symmetricCrossEntropy, DEFAULT_SCE } from './symmetricCrossEntropy';
export type { SymmetricCrossEntropyOptions } from './symmetricCrossEntropy';
export type { RobustLossOptions } from './robustLoss';
