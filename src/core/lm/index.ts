// The language-model lab: a character-level causal Transformer trained with CE and with TaiLr.
export * from './config';
export * from './corpus';
export * from './evaluate';
export * from './experiment';
export * from './generate';
export * from './repetition';
export * from './run';
export * from './text';
export * from './transformer';
export * from './vocabulary';
export * from './predictionsFile';
export * from './format';
