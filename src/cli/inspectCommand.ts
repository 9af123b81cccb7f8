import { readFile } from 'fs/promises';
import { DataFileError } from '../core/data/dataFileError';
import { datasetReport, formatDatasetReport } from '../core/data/describeDataset';
import { checkDatasetSize } from '../core/data/limits';
import { jsonSyntaxError } from '../core/data/jsonSyntax';
import { DatasetSchema, describeSchemaProblem } from '../core/data/schema';
import { describeReadError } from './describeReadError';
import { loadDatasetFile } from './datasetInput';
import { withInputFile } from './inputFile';
import type { Io } from './main';
import { parseCliArgs } from './parseCliArgs';
import { UsageError } from './usageError';

export const OPTIONS = {
  label: { type: 'string' },
  schema: { type: 'string' },
  seed: { type: 'string' },
  strict: { type: 'boolean' },
  json: { type: 'boolean' },
} as const;

/** `gamma-ce inspect`: the inferred (or given) schema, class counts, missing values, split sizes and warnings. */
export async function runInspect(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCliArgs(args, OPTIONS);
  if (positionals.length !== 1) throw new UsageError('inspect takes exactly one data file');
  const file = positionals[0];
  const seed = values.seed === undefined ? 0 : Number(values.seed);
  if (!Number.isInteger(seed)) throw new UsageError(`--seed must be an integer, got '${values.seed}'`);

  return withInputFile(file, io, async (totalBytes) => {
    checkDatasetSize(totalBytes, file);
    const schema = values.schema === undefined ? undefined : await readSchema(values.schema);
    const dataset = await loadDatasetFile(file, { label: values.label, schema, seed, strict: values.strict });
    const report = datasetReport(dataset);
    io.stdout(values.json ? `${JSON.stringify(report, null, 2)}\n` : formatDatasetReport(report));
    return 0;
  });
}

/** A schema saved from `inspect --json` (its `schema` field) or written by hand. */
async function readSchema(path: string): Promise<DatasetSchema> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new DataFileError(path, `cannot be read: ${describeReadError(error as NodeJS.ErrnoException)}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw jsonSyntaxError(text, path, 0);
  }
  // The whole `inspect --json` output works too.
  if (typeof value === 'object' && value !== null && 'schema' in value && !('version' in value)) value = value.schema;
  const problem = describeSchemaProblem(value);
  if (problem) throw new DataFileError(path, `is not a dataset schema: ${problem}`);
  return value as DatasetSchema;
}
