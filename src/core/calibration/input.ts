import type { LabelsInput, ProbabilitiesInput, ProbabilityMatrix } from './types';

export function checkBinCount(bins: number): number {
  if (!Number.isInteger(bins) || bins < 1) throw new RangeError(`bins must be a positive integer, got ${bins}`);
  return bins;
}

function isMatrix(value: unknown): value is ProbabilityMatrix {
  return typeof value === 'object' && value !== null && 'data' in value && 'rows' in value && 'cols' in value;
}

function hasArraySync(value: unknown): value is { arraySync(): unknown } {
  return (
    typeof value === 'object' && value !== null && typeof (value as { arraySync?: unknown }).arraySync === 'function'
  );
}

/** Accepts number[][], a row-major matrix or a 2-D tensor-like (arraySync), and checks it. */
export function toMatrix(probs: ProbabilitiesInput): ProbabilityMatrix {
  let matrix: ProbabilityMatrix;
  if (isMatrix(probs)) {
    matrix = probs;
    if (matrix.data.length !== matrix.rows * matrix.cols) {
      throw new RangeError(`probabilities hold ${matrix.data.length} values, expected ${matrix.rows}×${matrix.cols}`);
    }
  } else {
    const rows = (hasArraySync(probs) ? probs.arraySync() : probs) as ArrayLike<ArrayLike<number>>;
    if (rows == null || typeof rows.length !== 'number') throw new TypeError('probabilities must be an N×K array');
    const n = rows.length;
    const k = n > 0 && rows[0] != null ? rows[0].length : 0;
    const data = new Float64Array(n * k);
    for (let i = 0; i < n; i++) {
      const row = rows[i];
      if (row == null || row.length !== k) {
        throw new RangeError(`probability row ${i} has ${row?.length ?? 0} values, expected ${k}`);
      }
      for (let c = 0; c < k; c++) data[i * k + c] = row[c];
    }
    matrix = { data, rows: n, cols: k };
  }
  if (matrix.rows < 1) throw new RangeError('calibration needs at least one row');
  if (matrix.cols < 1) throw new RangeError('calibration needs at least one class');
  for (let i = 0; i < matrix.data.length; i++) {
    if (!Number.isFinite(matrix.data[i])) {
      const row = Math.floor(i / matrix.cols);
      throw new RangeError(`probability at row ${row}, class ${i % matrix.cols} is not finite (${matrix.data[i]})`);
    }
  }
  return matrix;
}

export function toLabels(labels: LabelsInput, matrix: ProbabilityMatrix): ArrayLike<number> {
  const y = (hasArraySync(labels) ? labels.arraySync() : labels) as ArrayLike<number>;
  if (y == null || typeof y.length !== 'number') throw new TypeError('labels must be an array of class indices');
  if (y.length !== matrix.rows) {
    throw new RangeError(`there are ${y.length} labels for ${matrix.rows} probability rows`);
  }
  for (let i = 0; i < y.length; i++) {
    if (!Number.isInteger(y[i]) || y[i] < 0 || y[i] >= matrix.cols) {
      throw new RangeError(`label ${y[i]} at row ${i} is not a class index in [0, ${matrix.cols - 1}]`);
    }
  }
  return y;
}
