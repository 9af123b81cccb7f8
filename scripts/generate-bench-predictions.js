// Writes the calibrate benchmark's predictions: ROWS × CLASSES (default 5,000,000 × 10) as
// preds.csv (6 significant digits, ≈ 460 MB), preds.parquet (what DataFrame.to_parquet writes: a
// DOUBLE column per class and an INT64 label, snappy, 1 M-row groups of 1 MiB pages as pyarrow writes; the hand-built writer of
// scripts/lib/parquetWriter.js) and probs.npy + labels.npy (float64, int64): the same numbers in all.
// Usage: node scripts/generate-bench-predictions.js DIR [ROWS] [CLASSES] [--parquet-only]
'use strict';
const fs = require('fs');
const path = require('path');
const { mulberry32, normal } = require('./lib/random');
const { writeParquet } = require('./lib/parquetWriter');

const args = process.argv.slice(2).filter((a) => a !== '--parquet-only');
const parquetOnly = process.argv.includes('--parquet-only');
const [dir, rowsArg, classesArg] = args;
const ROWS = Number(rowsArg ?? 5_000_000);
const K = Number(classesArg ?? 10);
const GROUP = 1 << 20;
// 131,072 doubles: pyarrow's default data page size of 1 MiB.
const PAGE = 1 << 17;

/** Rows [start, end): probabilities rounded to 6 digits (as the CSV holds them) and labels. */
function block(start, end) {
  const random = mulberry32(1000 + Math.floor(start / GROUP));
  const n = end - start;
  const probs = new Float64Array(n * K);
  const labels = new Int32Array(n);
  const z = new Float64Array(K);
  for (let i = 0; i < n; i++) {
    const y = Math.floor(random() * K);
    let max = -Infinity;
    for (let k = 0; k < K; k++) max = Math.max(max, (z[k] = normal(random) * 2 + (k === y ? 2.5 : 0)));
    let sum = 0;
    for (let k = 0; k < K; k++) sum += z[k] = Math.exp(z[k] - max);
    for (let k = 0; k < K; k++) probs[i * K + k] = Number((z[k] / sum).toPrecision(6));
    labels[i] = y;
  }
  return { probs, labels };
}

function npyHeader(descr, shape) {
  let text = `{'descr': '${descr}', 'fortran_order': False, 'shape': (${shape.join(', ')}${shape.length === 1 ? ',' : ''}), }`;
  const total = Math.ceil((10 + text.length + 1) / 64) * 64;
  text = text.padEnd(total - 10 - 1, ' ') + '\n';
  const head = Buffer.alloc(10);
  Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]).copy(head);
  head.writeUInt16LE(text.length, 8);
  return Buffer.concat([head, Buffer.from(text, 'latin1')]);
}

function main() {
  fs.mkdirSync(dir, { recursive: true });
  const names = Array.from({ length: K }, (_, k) => `p${k}`);
  if (!parquetOnly) writeCsvAndNpy(names);
  writeParquetFile(names);
}

function writeCsvAndNpy(names) {
  const csv = fs.openSync(path.join(dir, 'preds.csv'), 'w');
  const probsNpy = fs.openSync(path.join(dir, 'probs.npy'), 'w');
  const labelsNpy = fs.openSync(path.join(dir, 'labels.npy'), 'w');
  fs.writeSync(csv, `${[...names, 'label'].join(',')}\n`);
  fs.writeSync(probsNpy, npyHeader('<f8', [ROWS, K]));
  fs.writeSync(labelsNpy, npyHeader('<i8', [ROWS]));
  for (let start = 0; start < ROWS; start += GROUP) {
    const end = Math.min(ROWS, start + GROUP);
    const { probs, labels } = block(start, end);
    const lines = [];
    for (let i = 0; i < end - start; i++) {
      const row = [];
      for (let k = 0; k < K; k++) row.push(String(probs[i * K + k]));
      row.push(labels[i]);
      lines.push(row.join(','));
    }
    fs.writeSync(csv, `${lines.join('\n')}\n`);
    fs.writeSync(probsNpy, Buffer.from(probs.buffer));
    fs.writeSync(labelsNpy, Buffer.from(BigInt64Array.from(labels, (v) => BigInt(v)).buffer));
  }
  [csv, probsNpy, labelsNpy].forEach((fd) => fs.closeSync(fd));
}

function writeParquetFile(names) {
  let cached;
  const cachedBlock = (start, end) => {
    if (!cached || cached.start !== start) cached = { start, ...block(start, end) };
    return cached;
  };
  const columns = names.map((name, k) => ({
    name,
    type: 'DOUBLE',
    optional: true,
    values: (start, end) => {
      const { probs } = cachedBlock(start, end);
      return Array.from({ length: end - start }, (_, i) => probs[i * K + k]);
    },
  }));
  columns.push({
    name: 'label',
    type: 'INT64',
    optional: true,
    values: (start, end) => Array.from(cachedBlock(start, end).labels),
  });
  writeParquet(path.join(dir, 'preds.parquet'), columns, {
    rows: ROWS,
    rowGroupRows: GROUP,
    pageRows: PAGE,
    codec: 'SNAPPY',
  });
}

main();
