import { MISSING_CODE, RawColumn } from './columnBuilder';
import { DataFileError, FileLocation } from './dataFileError';
import { MAX_LEVELS } from './limits';
import type { ColumnTable } from './tableBuilder';

/** Where row `index` of the table is in its file: the row, and its line (text) or part (a Parquet row group). */
export function locate(table: ColumnTable, index: number, column?: string): FileLocation {
  const line = table.lines[index];
  const part = table.parts && partOf(table.parts, index);
  return {
    ...(part !== undefined ? { part } : {}),
    row: table.rowNumbers[index],
    ...(line > 0 ? { line } : {}),
    ...(column !== undefined ? { column } : {}),
  };
}

function partOf(parts: NonNullable<ColumnTable['parts']>, index: number): string | undefined {
  let lo = 0;
  let hi = parts.length - 1;
  if (hi < 0 || parts[0].start > index) return undefined;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (parts[mid].start <= index) lo = mid;
    else hi = mid - 1;
  }
  return parts[lo].name;
}

/** Class index per level of the label column; also across spellings of one number (`1` ↔ `1.0`). */
export function classOfLevels(column: RawColumn, classes: string[]): Int32Array {
  const exact = new Map(classes.map((c, k) => [c, k]));
  const byNumber = new Map<number, number>();
  classes.forEach((c, k) => {
    const v = c.trim() === '' ? NaN : Number(c);
    if (Number.isFinite(v) && !byNumber.has(v)) byNumber.set(v, k);
  });
  return Int32Array.from(column.levels, (level, i) => exact.get(level) ?? byNumber.get(column.levelNumbers[i]) ?? -1);
}

/** The class index of every row that has a label, and the rows it came from. */
export function readLabels(table: ColumnTable, column: RawColumn, classes: string[], strict: boolean) {
  const { file } = table;
  if (new Set(classes).size !== classes.length)
    throw new DataFileError(file, `the schema names a class twice (${classes.join(', ')})`);
  const codes = column.codes;
  if (!codes) {
    throw new DataFileError(
      file,
      `the label column has more than ${MAX_LEVELS} distinct values; choose the column that holds the classes`,
      {
        column: column.name,
      },
    );
  }
  const classOf = classOfLevels(column, classes);
  const used = new Int32Array(table.rows);
  const y = new Int32Array(table.rows);
  let n = 0;
  let missingLabels = 0;
  for (let i = 0; i < table.rows; i++) {
    const code = codes[i];
    if (code === MISSING_CODE) {
      if (strict) throw new DataFileError(file, 'the label is missing', locate(table, i, column.name));
      missingLabels++;
      continue;
    }
    const k = classOf[code];
    if (k < 0) {
      throw new DataFileError(
        file,
        `unknown class '${column.levels[code]}' (the schema's classes: ${classes.join(', ')})`,
        locate(table, i, column.name),
      );
    }
    used[n] = i;
    y[n++] = k;
  }
  return { used: used.subarray(0, n), y: y.subarray(0, n), missingLabels };
}
