import { MISSING_CODE, RawColumn } from './columnBuilder';
import { DataFileError } from './dataFileError';
import type { ColumnSummary, DatasetOptions, DatasetSplit, EncodedDataset, FeatureTransform } from './dataset';
import { addLabelNoise } from './labelNoise';
import { MAX_LEVELS } from './limits';
import { ColumnSchema, DatasetSchema, NOT_IN_SCHEMA } from './schema';
import { DEFAULT_SPLIT, SplitIndices, stratifiedSplit } from './split';
import type { ColumnTable } from './tableBuilder';
import { classOfLevels, locate, readLabels } from './labelColumn';

/** How the features of one column are read from it. */
type ColumnPlan =
  | { kind: 'numeric'; values: Float32Array; transform: FeatureTransform; indicator?: FeatureTransform }
  | {
      kind: 'categorical';
      codes: Uint16Array;
      levelOfCode: Int32Array;
      levels: FeatureTransform[];
      missing?: FeatureTransform;
    };

function transformsOf(plan: ColumnPlan): FeatureTransform[] {
  if (plan.kind === 'numeric') return plan.indicator ? [plan.transform, plan.indicator] : [plan.transform];
  return plan.missing ? [...plan.levels, plan.missing] : plan.levels;
}

/**
 * Encodes a table with a complete schema (see resolveSchema): labels → class indices (rows
 * without a label left out), stratified split, noise on train, features fitted on train only.
 */
export function encodeDataset(
  table: ColumnTable,
  schema: DatasetSchema,
  options: Pick<DatasetOptions, 'split' | 'seed' | 'noise' | 'strict'>,
  schemaWarnings: string[] = [],
): EncodedDataset {
  const { file } = table;
  const warnings = [...skippedRowsWarnings(table), ...schemaWarnings];
  const columnOf = new Map(table.columns.map((c) => [c.name, c]));
  const labelColumn = columnOf.get(schema.label);
  if (!labelColumn) throw new DataFileError(file, `has no label column '${schema.label}'`);

  const { used, y, missingLabels } = readLabels(table, labelColumn, schema.classes, options.strict ?? false);
  if (missingLabels > 0) warnings.push(`${missingLabels} row(s) without a label were left out`);
  const classCounts = countClasses(y, schema.classes.length);
  const present = classCounts.filter((n) => n > 0).length;
  if (present < 2) {
    const detail =
      present === 0
        ? 'the label column has no values'
        : `the label column has only one class ('${schema.classes[classCounts.findIndex((n) => n > 0)]}'); training needs at least two`;
    throw new DataFileError(file, detail, { column: labelColumn.name });
  }
  classCounts.forEach((n, k) => {
    if (n < 2)
      warnings.push(
        `class '${schema.classes[k]}' has ${n} row${n === 1 ? '' : 's'}: too few to appear in both training and evaluation`,
      );
  });
  if (labelColumn.levelNumbers.some((v) => !Number.isNaN(v) && v % 1 !== 0)) {
    warnings.push(`the label column holds numbers that are not integers: is '${labelColumn.name}' a class label?`);
  }

  const fractions = options.split ?? DEFAULT_SPLIT;
  const seed = options.seed ?? 0;
  const split = stratifiedSplit(y, schema.classes.length, fractions, seed);

  const plans: ColumnPlan[] = [];
  const summaries: ColumnSummary[] = [];
  for (const entry of schema.columns) {
    const column = columnOf.get(entry.name);
    if (!column) continue;
    let features = 0;
    if (entry.role === 'feature') {
      const plan = planColumn(entry, column, table, warnings);
      plans.push(plan);
      features = transformsOf(plan).length;
    } else if (entry.role === 'ignored' && entry.reason && entry.reason !== NOT_IN_SCHEMA) {
      warnings.push(`column '${entry.name}' is ignored: ${entry.reason}`);
    }
    summaries.push({
      name: entry.name,
      role: entry.role,
      type: entry.type,
      missing: column.stats.missing,
      ...(column.codes ? { distinct: column.levels.length } : {}),
      features,
      ...(entry.reason ? { reason: entry.reason } : {}),
    });
  }
  const transforms = plans.flatMap(transformsOf);
  if (transforms.length === 0) {
    throw new DataFileError(
      file,
      `has no feature columns: every column besides the label '${schema.label}' is ignored`,
    );
  }

  const trainRows = Int32Array.from(split.train, (p) => used[p]);
  for (const plan of plans)
    if (plan.kind === 'numeric') fitStandardisation(plan.values, plan.transform, trainRows, warnings);

  const noiseRate = options.noise ?? 0;
  const train = buildSplit(split.train, used, y, plans, transforms.length, table);
  let flipped = 0;
  if (noiseRate > 0) {
    const noisy = addLabelNoise(train.y, schema.classes.length, noiseRate, seed);
    train.cleanY = train.y;
    train.y = noisy.labels;
    flipped = noisy.flipped.length;
  }

  return {
    file,
    schema,
    featureNames: transforms.map((t) => t.name),
    classNames: [...schema.classes],
    features: transforms.length,
    classes: schema.classes.length,
    train,
    validation: buildSplit(split.validation, used, y, plans, transforms.length, table),
    test: buildSplit(split.test, used, y, plans, transforms.length, table),
    noise: { rate: noiseRate, flipped },
    warnings,
    transforms,
    summary: {
      format: table.format,
      ...(table.delimiter !== undefined ? { delimiter: table.delimiter } : {}),
      rowsRead: table.rows,
      rowsUsed: used.length,
      skippedRows: table.skipped.count,
      missingLabels,
      classCounts,
      splitClassCounts: splitCounts(split, y, schema.classes.length),
      columns: summaries,
    },
    split: { ...fractions },
    seed,
  };
}

function skippedRowsWarnings(table: ColumnTable): string[] {
  const { skipped } = table;
  if (skipped.count === 0) return [];
  const listed = skipped.first.map((s) => `row ${s.row} (line ${s.line}, ${s.fields} fields)`).join(', ');
  const more = skipped.count > skipped.first.length ? ', …' : '';
  return [
    `${skipped.count} row(s) whose field count differs from the header's ${skipped.headerFields} were skipped: ${listed}${more}`,
  ];
}

function countClasses(y: Int32Array, classes: number): number[] {
  const counts = new Array<number>(classes).fill(0);
  for (const k of y) counts[k]++;
  return counts;
}

function splitCounts(split: SplitIndices, y: Int32Array, classes: number) {
  const count = (positions: Int32Array) => {
    const counts = new Array<number>(classes).fill(0);
    for (const p of positions) counts[y[p]]++;
    return counts;
  };
  return { train: count(split.train), validation: count(split.validation), test: count(split.test) };
}

function planColumn(entry: ColumnSchema, column: RawColumn, table: ColumnTable, warnings: string[]): ColumnPlan {
  return entry.type === 'categorical'
    ? planCategorical(entry, column, table, warnings)
    : planNumeric(entry, column, table, warnings);
}

function planNumeric(entry: ColumnSchema, column: RawColumn, table: ColumnTable, warnings: string[]): ColumnPlan {
  const { stats, values, name } = column;
  if (stats.firstNonFinite) {
    const { index, text } = stats.firstNonFinite;
    const detail = /inf/i.test(text)
      ? `'${text.trim()}' is not a finite number (leave the cell empty for a missing value)`
      : `'${text.trim()}' is too large for a 32-bit float`;
    throw new DataFileError(table.file, detail, locate(table, index, name));
  }
  if (stats.texts > 0 && stats.firstText) {
    const where = table.rowNumbers[stats.firstText.index];
    warnings.push(
      `column '${name}': ${stats.texts} cell(s) that are not numbers are treated as missing (first: '${stats.firstText.text}' in row ${where})`,
    );
  }
  return {
    kind: 'numeric',
    values,
    transform: { name, column: name, kind: 'numeric', mean: 0, std: 1 },
    ...(entry.missingIndicator
      ? { indicator: { name: `${name} (missing)`, column: name, kind: 'indicator', mean: 0, std: 1 } }
      : {}),
  };
}

function planCategorical(entry: ColumnSchema, column: RawColumn, table: ColumnTable, warnings: string[]): ColumnPlan {
  const { name, codes } = column;
  const levels = entry.levels ?? [];
  if (!codes) {
    throw new DataFileError(
      table.file,
      `has more than ${MAX_LEVELS} distinct values in this column; it cannot be categorical`,
      { column: name },
    );
  }
  const levelOfCode = classOfLevels(column, levels);
  let unknown = 0;
  for (const code of codes) if (code !== MISSING_CODE && levelOfCode[code] < 0) unknown++;
  if (unknown > 0)
    warnings.push(
      `column '${name}': ${unknown} cell(s) hold values that are not among the schema's levels; they are encoded as all zeros`,
    );
  return {
    kind: 'categorical',
    codes,
    levelOfCode,
    levels: levels.map((level) => ({ name: `${name}=${level}`, column: name, kind: 'level', level, mean: 0, std: 1 })),
    ...(entry.missingLevel
      ? { missing: { name: `${name}=(missing)`, column: name, kind: 'missingLevel', mean: 0, std: 1 } }
      : {}),
  };
}

/** Mean and (population) standard deviation of the observed training values; missing cells become the mean. */
function fitStandardisation(
  values: Float32Array,
  t: FeatureTransform,
  trainRows: Int32Array,
  warnings: string[],
): void {
  let n = 0;
  let sum = 0;
  for (let r = 0; r < trainRows.length; r++) {
    const v = values[trainRows[r]];
    if (v === v) {
      sum += v;
      n++;
    }
  }
  if (n === 0) {
    warnings.push(`column '${t.column}' has no values in the training split: it is encoded as 0`);
    return;
  }
  const mean = sum / n;
  let squares = 0;
  for (let r = 0; r < trainRows.length; r++) {
    const v = values[trainRows[r]];
    if (v === v) squares += (v - mean) * (v - mean);
  }
  const std = Math.sqrt(squares / n);
  t.mean = mean;
  t.std = std > 0 ? std : 1;
}

const SPLIT_BLOCK_ROWS = 256;

function buildSplit(
  positions: Int32Array,
  used: Int32Array,
  y: Int32Array,
  plans: ColumnPlan[],
  features: number,
  table: ColumnTable,
): DatasetSplit {
  const rows = positions.length;
  const x = new Float32Array(rows * features);
  const tableRows = Int32Array.from(positions, (p) => used[p]);
  // A block of rows at a time, every column: the block of x stays in cache while its columns are
  // filled in (column by column over all of x, each write touched a new cache line).
  for (let from = 0; from < rows; from += SPLIT_BLOCK_ROWS) {
    const to = Math.min(from + SPLIT_BLOCK_ROWS, rows);
    let f = 0;
    for (const plan of plans) {
      if (plan.kind === 'numeric') {
        const { values } = plan;
        const { mean, std } = plan.transform;
        for (let r = from, o = from * features + f; r < to; r++, o += features) {
          const v = values[tableRows[r]];
          x[o] = v === v ? (v - mean) / std : 0;
        }
        if (plan.indicator) {
          for (let r = from, o = from * features + f + 1; r < to; r++, o += features)
            if (values[tableRows[r]] !== values[tableRows[r]]) x[o] = 1;
        }
      } else {
        const { codes, levelOfCode } = plan;
        const missing = plan.missing ? plan.levels.length : -1;
        for (let r = from, o = from * features + f; r < to; r++, o += features) {
          const code = codes[tableRows[r]];
          const level = code === MISSING_CODE ? missing : levelOfCode[code];
          if (level >= 0) x[o + level] = 1;
        }
      }
      f += transformsOf(plan).length;
    }
  }
  return {
    x,
    y: Int32Array.from(positions, (p) => y[p]),
    rows,
    sourceRows: Int32Array.from(tableRows, (i) => table.rowNumbers[i]),
  };
}
