// The public surface of the pure core, built as dist/core.js (tfjs stays external).
export * from './loss';
export * from './calibration';
export * from './predictions';
export { DataFileError, formatLocation } from './data/dataFileError';
export type { FileLocation } from './data/dataFileError';
export { readTable, formatFromName } from './data/readTable';
export type { Table, TableFormat, Cell } from './data/readTable';
export { parseNumber } from './data/parseNumber';
export * from './bootstrap';
export { seededRandom } from './random';
export * from './train';
