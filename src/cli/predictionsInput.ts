import { readFile } from 'fs/promises';
import { DataFileError } from '../core/data/dataFileError';
import { Predictions, readPredictions } from '../core/predictions';
import { describeReadError } from './describeReadError';
import type { Io } from './main';
import { UsageError } from './usageError';

/** A predictions file read with the calibrate command's rules; a file-system error becomes a DataFileError. */
export async function loadPredictions(file: string, options: { label?: string; softmax?: boolean }): Promise<Predictions> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (error) {
    throw new DataFileError(file, `cannot be read: ${describeReadError(error as NodeJS.ErrnoException)}`);
  }
  return readPredictions(bytes, file, options);
}

/** Runs a command body; a problem with the data is one line on stderr and exit code 1. */
export async function reportDataErrors(io: Io, body: () => Promise<number>): Promise<number> {
  try {
    return await body();
  } catch (error) {
    if (error instanceof DataFileError) {
      io.stderr(`gamma-ce: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

/** An integer option in [min, max], or its default when absent. */
export function integerOption(name: string, value: string | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (value.trim() === '' || !Number.isInteger(n) || n < min || n > max) {
    throw new UsageError(`--${name} must be an integer from ${min} to ${max}, got '${value}'`);
  }
  return n;
}
