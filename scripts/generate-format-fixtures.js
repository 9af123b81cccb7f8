// Writes test/fixtures/formats/: the same predictions as CSV, Parquet (a hand-built writer, no pyarrow
// here: scripts/lib/parquetWriter.js) and NumPy (numpy's own np.save / savez / savez_compressed, through
// scripts/generate-format-fixtures.py, which also writes NumPy-computed reference metrics).
// Deterministic: a seeded generator. Run: node scripts/generate-format-fixtures.js
'use strict';
const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');
const { mulberry32, normal } = require('./lib/random');
const { writeParquet } = require('./lib/parquetWriter');

const OUT = path.join(__dirname, '..', 'test', 'fixtures', 'formats');
const ROWS = 300;
const CLASSES = 4;
const NAMES = ['a', 'b', 'c', 'd'];

function predictions() {
  const random = mulberry32(15);
  const logits = [];
  const probs = [];
  const labels = [];
  for (let i = 0; i < ROWS; i++) {
    const label = Math.floor(random() * CLASSES);
    const z = NAMES.map((_, k) => normal(random) * 1.5 + (k === label ? 1.2 : 0));
    const max = Math.max(...z);
    const e = z.map((v) => Math.exp(v - max));
    const sum = e.reduce((a, b) => a + b, 0);
    logits.push(z);
    probs.push(e.map((v) => v / sum));
    labels.push(label);
  }
  return { logits, probs, labels };
}

function main() {
  fs.mkdirSync(OUT, { recursive: true });
  const { logits, probs, labels } = predictions();
  const at = (f) => path.join(OUT, f);
  // String(x) is the shortest text that reads back as the same double, so every format holds the same numbers.
  const csv = [[...NAMES, 'label'].join(',')];
  for (let i = 0; i < ROWS; i++) csv.push([...probs[i].map(String), labels[i]].join(','));
  fs.writeFileSync(at('preds.csv'), `${csv.join('\n')}\n`);
  const logitCsv = [[...NAMES, 'label'].join(',')];
  for (let i = 0; i < ROWS; i++) logitCsv.push([...logits[i].map(String), labels[i]].join(','));
  fs.writeFileSync(at('logits.csv'), `${logitCsv.join('\n')}\n`);

  const columns = NAMES.map((name, k) => ({
    name,
    type: 'DOUBLE',
    optional: true,
    values: probs.map((p) => p[k]),
  }));
  const label = { name: 'label', type: 'INT64', optional: true, values: labels };
  const groups = { rows: ROWS, rowGroupRows: 100 };
  writeParquet(at('columns-snappy.parquet'), [...columns, label], { ...groups, codec: 'SNAPPY' });
  writeParquet(at('columns-gzip.parquet'), [...columns, label], { ...groups, codec: 'GZIP' });
  const id = { name: 'id', type: 'BYTE_ARRAY', optional: true, values: labels.map((_, i) => `row${i}`) };
  writeParquet(at('list-zstd.parquet'), [id, { name: 'probs', type: 'DOUBLE', list: true, values: probs }, label], {
    ...groups,
    codec: 'ZSTD',
  });
  writeParquet(at('logits-list.parquet'), [{ name: 'logits', type: 'DOUBLE', list: true, values: logits }, label], {
    rows: ROWS,
    codec: 'UNCOMPRESSED',
  });
  const named = { name: 'label', type: 'BYTE_ARRAY', optional: true, values: labels.map((y) => NAMES[y]) };
  writeParquet(at('columns-names.parquet'), [...columns, named], { rows: ROWS, codec: 'SNAPPY' });
  const confidence = probs.map((p) => Math.max(...p));
  const correct = probs.map((p, i) => (p.indexOf(Math.max(...p)) === labels[i] ? 1 : 0));
  writeParquet(
    at('toplabel.parquet'),
    [
      { name: 'confidence', type: 'DOUBLE', values: confidence },
      { name: 'correct', type: 'INT32', values: correct },
    ],
    { ...groups, codec: 'SNAPPY' },
  );
  const bad = probs.map((p, i) => (i === 150 ? [p[0] + 0.5, ...p.slice(1)] : p));
  writeParquet(at('bad-sum.parquet'), [{ name: 'probs', type: 'DOUBLE', list: true, values: bad }, label], {
    ...groups,
    codec: 'SNAPPY',
  });
  execFileSync('/usr/bin/python3', [path.join(__dirname, 'generate-format-fixtures.py'), OUT], { stdio: 'inherit' });
}

main();
