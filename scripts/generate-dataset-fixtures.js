// Writes test/fixtures/datasets/binary/: datasets as Parquet (the hand-built writer scripts/lib/parquetWriter.js;
// no pyarrow here) and as .npz (numpy's own savez / savez_compressed, through generate-dataset-fixtures.py),
// each with the text file it must read the same as: Iris from media/datasets/iris.csv, and a table of every
// cell kind (numbers, floats, text, booleans, nulls) as mixed.parquet and mixed.jsonl.
// Deterministic. Run: node scripts/generate-dataset-fixtures.js
'use strict';
const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');
const { mulberry32, normal } = require('./lib/random');
const { writeParquet } = require('./lib/parquetWriter');

const REPO = path.join(__dirname, '..');
const OUT = path.join(REPO, 'test', 'fixtures', 'datasets', 'binary');
const at = (f) => path.join(OUT, f);

function iris() {
  const lines = fs
    .readFileSync(path.join(REPO, 'media', 'datasets', 'iris.csv'), 'utf8')
    .trim()
    .split(/\r?\n/);
  const header = lines[0].split(',');
  const rows = lines.slice(1).map((l) => l.split(','));
  return { header, rows };
}

function irisColumns({ header, rows }) {
  const features = header.slice(0, -1).map((name, j) => ({
    name,
    type: 'DOUBLE',
    optional: true,
    values: rows.map((r) => Number(r[j])),
  }));
  const label = { name: header[header.length - 1], type: 'BYTE_ARRAY', optional: true, values: rows.map((r) => r[4]) };
  return { features, label };
}

function writeIris() {
  const data = iris();
  const { features, label } = irisColumns(data);
  const rows = data.rows.length;
  writeParquet(at('iris.parquet'), [...features, label], { rows, rowGroupRows: 40, codec: 'SNAPPY' });
  // What DataFrame.to_parquet writes for a frame whose index is not a RangeIndex: the index as a column, named in the metadata.
  const index = { name: '__index_level_0__', type: 'INT64', values: data.rows.map((_, i) => 1000 + i) };
  const pandas = JSON.stringify({ index_columns: ['__index_level_0__'], column_indexes: [], columns: [] });
  writeParquet(at('iris-pandas.parquet'), [...features, label, index], { rows, codec: 'GZIP', keyValue: { pandas } });
  const lists = { name: 'embedding', type: 'DOUBLE', list: true, values: data.rows.map((r) => [Number(r[0]), 1]) };
  writeParquet(at('iris-list.parquet'), [...features, lists, label], { rows, rowGroupRows: 50, codec: 'ZSTD' });
  const infinite = features.map((c, j) =>
    j === 2 ? { ...c, values: c.values.map((v, i) => (i === 56 ? Infinity : v)) } : c,
  );
  writeParquet(at('infinite.parquet'), [...infinite, label], { rows, rowGroupRows: 40, codec: 'SNAPPY' });
  const unlabeled = { ...label, values: label.values.map((v, i) => (i === 99 ? null : v)) };
  writeParquet(at('missing-label.parquet'), [...features, unlabeled], { rows, rowGroupRows: 40, codec: 'SNAPPY' });
}

function writeMixed() {
  const random = mulberry32(1515);
  const rows = 60;
  const colours = ['red', 'green', 'blue'];
  const cells = Array.from({ length: rows }, (_, i) => {
    const yes = random() < 0.5;
    return {
      id: i + 1,
      height: i % 7 === 3 ? null : Math.round((170 + normal(random) * 8 + (yes ? 5 : 0)) * 10) / 10,
      count: Math.floor(random() * 5) + (yes ? 2 : 0),
      ratio: Math.fround(random() * 2 - 1),
      colour: i % 11 === 5 ? null : colours[Math.floor(random() * 3)],
      member: i % 13 === 4 ? null : random() < (yes ? 0.7 : 0.3),
      label: yes ? 'yes' : 'no',
    };
  });
  const column = (name, type, optional = true) => ({ name, type, optional, values: cells.map((c) => c[name]) });
  writeParquet(
    at('mixed.parquet'),
    [
      column('id', 'INT32', false),
      column('height', 'DOUBLE'),
      column('count', 'INT64', false),
      column('ratio', 'FLOAT', false),
      column('colour', 'BYTE_ARRAY'),
      column('member', 'BOOLEAN'),
      column('label', 'BYTE_ARRAY', false),
    ],
    { rows, rowGroupRows: 25, codec: 'ZSTD' },
  );
  // The same cells as JSON Lines: the text path, which the Parquet path must match.
  fs.writeFileSync(at('mixed.jsonl'), `${cells.map((c) => JSON.stringify(c)).join('\n')}\n`);
}

function main() {
  fs.mkdirSync(OUT, { recursive: true });
  writeIris();
  writeMixed();
  execFileSync('/usr/bin/python3', [path.join(__dirname, 'generate-dataset-fixtures.py'), OUT], { stdio: 'inherit' });
}

main();
