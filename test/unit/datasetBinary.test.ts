import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { DataFileError } from '../../src/core/data/dataFileError';
import { DatasetOptions, EncodedDataset, loadDataset, loadDatasetFromBytes } from '../../src/core/data/dataset';
import { readTableFromBytes } from '../../src/core/data/readTable';
import { datasetFixture } from './datasetHelpers';
import { REPO } from './helpers';

const IRIS_CSV = path.join(REPO, 'media', 'datasets', 'iris.csv');
const binary = (name: string) => datasetFixture('binary', name);
const load = (name: string, options: DatasetOptions = {}) =>
  loadDatasetFromBytes(fs.readFileSync(binary(name)), name, options);

/** The CSV reading of Iris, the reference every other format must equal. */
function irisCsv(options: DatasetOptions): EncodedDataset {
  return loadDataset(fs.readFileSync(IRIS_CSV), 'iris.csv', options);
}

/** The parts of an encoded dataset that must not depend on the file's format. */
function encoded(d: EncodedDataset, renameLabel?: string) {
  const label = (name: string) => (renameLabel !== undefined && name === d.schema.label ? renameLabel : name);
  const reason = (text?: string) => text?.replace(`'${d.schema.label}'`, `'${label(d.schema.label)}'`);
  const { format: _format, delimiter: _delimiter, ...summary } = d.summary;
  return {
    schema: {
      ...d.schema,
      label: label(d.schema.label),
      columns: d.schema.columns.map((c) => ({ ...c, name: label(c.name), reason: reason(c.reason) })),
    },
    featureNames: d.featureNames,
    classNames: d.classNames,
    splits: [d.train, d.validation, d.test].map((s) => ({
      x: Array.from(s.x),
      y: Array.from(s.y),
      rows: s.rows,
      sourceRows: Array.from(s.sourceRows),
      cleanY: s.cleanY && Array.from(s.cleanY),
    })),
    noise: d.noise,
    transforms: d.transforms.map((t) => ({ ...t, column: label(t.column) })),
    summary: {
      ...summary,
      columns: summary.columns.map((c) => ({ ...c, name: label(c.name), reason: reason(c.reason) })),
    },
    warnings: d.warnings,
  };
}

async function rejection(promise: Promise<unknown>): Promise<DataFileError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof DataFileError, `threw ${error instanceof Error ? error.stack : String(error)}`);
    assert.ok(!error.message.includes('\n'), 'one line');
    return error;
  }
  return assert.fail('did not throw');
}

describe('datasets from Parquet and .npz', () => {
  for (const options of [
    { seed: 0 },
    { seed: 7, noise: 0.3 },
    { seed: 3, split: { train: 0.5, validation: 0.25, test: 0.25 } },
  ]) {
    it(`Iris as Parquet and as .npz encodes exactly as the CSV (${JSON.stringify(options)})`, async () => {
      const reference = encoded(irisCsv(options));
      assert.strictEqual(reference.splits[0].rows + reference.splits[1].rows + reference.splits[2].rows, 150);
      for (const name of ['iris.parquet', 'iris-list.parquet', 'iris-pandas.parquet']) {
        const d = await load(name, options);
        assert.strictEqual(d.summary.format, 'parquet');
        const { warnings, ...rest } = encoded(d);
        const { warnings: expectedWarnings, ...expected } = reference;
        assert.deepStrictEqual(rest, expected, name);
        assert.deepStrictEqual(warnings.slice(warnings.length - expectedWarnings.length), expectedWarnings, name);
      }
      for (const name of ['iris.npz', 'iris-compressed.npz']) {
        const d = await load(name, options);
        assert.strictEqual(d.summary.format, 'npz');
        assert.strictEqual(d.schema.label, 'y');
        assert.deepStrictEqual(encoded(d, 'species'), reference, name);
      }
    });
  }

  it('says what it left out: the pandas index, a list column, unused arrays', async () => {
    assert.deepStrictEqual((await load('iris-pandas.parquet')).warnings.slice(0, 1), [
      "column '__index_level_0__' is the pandas index (DataFrame.to_parquet), not data: left out",
    ]);
    assert.deepStrictEqual((await load('iris-list.parquet')).warnings.slice(0, 1), [
      "column 'embedding' holds lists or records, not one value per row: left out",
    ]);
    const d = await load('iris-nan-feature.npz');
    assert.strictEqual(d.warnings[0], 'arrays not used (a dataset is x and y): extra');
    // NaN in the features is a missing cell, as an empty CSV cell is.
    assert.strictEqual(d.summary.columns.find((c) => c.name === 'x1')?.missing, 1);
  });

  it('reads every cell kind of Parquet as the JSON Lines reader reads the same cells', async () => {
    const options = { seed: 5 };
    const jsonl = loadDataset(fs.readFileSync(binary('mixed.jsonl')), 'mixed.jsonl', options);
    const parquet = await load('mixed.parquet', options);
    assert.deepStrictEqual(encoded(parquet), encoded(jsonl));
    const table = await readTableFromBytes(fs.readFileSync(binary('mixed.parquet')), 'mixed.parquet');
    assert.deepStrictEqual(
      table.parts,
      [0, 25, 50].map((start, g) => ({ name: `row group ${g + 1}`, start })),
    );
    const member = table.columns.find((c) => c.name === 'member')!;
    assert.deepStrictEqual([...member.levels].sort(), ['false', 'true']);
    // Independent count from the generator's rule: member is null where i % 13 === 4.
    assert.strictEqual(member.stats.missing, [4, 17, 30, 43, 56].length);
    assert.strictEqual(table.columns.find((c) => c.name === 'height')!.stats.missing, 9);
  });

  it('names the features x0 … x{d−1} without feature_names, and reads float32, float16 and integer labels', async () => {
    const reference = irisCsv({ seed: 2 });
    for (const name of ['iris-f4.npz', 'iris-f2.npz']) {
      const d = await load(name, { seed: 2 });
      assert.deepStrictEqual(d.schema.columns.map((c) => c.name).slice(0, 4), ['x0', 'x1', 'x2', 'x3']);
      assert.deepStrictEqual(d.classNames, ['0', '1', '2']);
      // Same rows in the same splits (the labels are the species' codes in alphabetical order).
      assert.deepStrictEqual(Array.from(d.test.sourceRows), Array.from(reference.test.sourceRows), name);
      assert.deepStrictEqual(Array.from(d.test.y), Array.from(reference.test.y), name);
      const tolerance = name === 'iris-f2.npz' ? 2e-2 : 1e-5;
      reference.test.x.forEach((v, i) => assert.ok(Math.abs(d.test.x[i] - v) < tolerance, `${name} x[${i}]`));
    }
  });
});

describe('datasets from Parquet and .npz: errors name the file, the part and the row', () => {
  const cases: Array<[string, DatasetOptions, RegExp]> = [
    ['infinite.parquet', {}, /^infinite\.parquet, row group 2, row 57, column 'petal_length_cm': /],
    [
      'missing-label.parquet',
      { strict: true },
      /^missing-label\.parquet, row group 3, row 100, column 'species': the label is missing$/,
    ],
    [
      'bad-shape-mismatch.npz',
      {},
      /^bad-shape-mismatch\.npz, array 'y': holds 149 labels for the 150 rows of array 'x'$/,
    ],
    [
      'bad-nan-label.npz',
      {},
      /^bad-nan-label\.npz, array 'y', row 42: the label is NaN; labels are class numbers or names$/,
    ],
    ['bad-text-x.npz', {}, /^bad-text-x\.npz, array 'x': holds text \(dtype '<U\d+'\); the features must be numbers$/],
    [
      'bad-1d-x.npz',
      {},
      /^bad-1d-x\.npz, array 'x': has shape \(150\); expected \(rows, features\): for one feature, x\.reshape\(-1, 1\)$/,
    ],
    ['bad-no-arrays.npz', {}, /^bad-no-arrays\.npz: has no array of features 'x' .*\(arrays: data, target\)$/],
    ['bad-no-labels.npz', {}, /^bad-no-labels\.npz: has no array of labels 'y' .*\(arrays: x, target\)$/],
    ['bad-object-y.npz', {}, /^bad-object-y\.npz, array 'y': holds Python objects \(dtype '\|O'\).*astype\(str\)/],
    ['bad-fortran-x.npz', {}, /^bad-fortran-x\.npz, array 'x': is in Fortran \(column-major\) order/],
    ['bad-bigendian-x.npz', {}, /^bad-bigendian-x\.npz, array 'x': is big-endian \(dtype '>f8'\)/],
    ['bad-complex-x.npz', {}, /^bad-complex-x\.npz, array 'x': has dtype '<c16'; expected float16\/32\/64/],
    [
      'bad-names.npz',
      {},
      /^bad-names\.npz, array 'feature_names': has shape \(3\); expected \(4,\): one name per feature$/,
    ],
  ];
  for (const [name, options, message] of cases)
    it(name, async () => assert.match((await rejection(load(name, options))).message, message));

  it('a truncated or mislabelled file, a single .npy, a missing label column', async () => {
    const parquet = fs.readFileSync(binary('iris.parquet'));
    const npz = fs.readFileSync(binary('iris.npz'));
    const from = (bytes: Uint8Array, name: string, options: DatasetOptions = {}) =>
      rejection(loadDatasetFromBytes(bytes, name, options));
    assert.match(
      (await from(parquet.subarray(0, 5000), 'cut.parquet')).message,
      /^cut\.parquet, its footer: is not a readable Parquet file: /,
    );
    assert.match(
      (await from(Buffer.from('PAR2' + 'x'.repeat(40)), 'm.parquet')).message,
      /^m\.parquet, its footer: .*does not start with PAR1/,
    );
    assert.match(
      (await from(npz.subarray(0, 3000), 'cut.npz')).message,
      /^cut\.npz: is not a readable \.npz \(zip\) archive: no end-of-central-directory/,
    );
    assert.match(
      (await from(npz, 'one.npy')).message,
      /^one\.npy: is one NumPy array; a dataset is a \.npz with arrays x \(features\) and y \(labels\)/,
    );
    assert.match(
      (await from(parquet, 'iris.parquet', { label: 'kind' })).message,
      /^iris\.parquet: has no label column 'kind' \(columns: sepal_length_cm, /,
    );
    assert.throws(
      () => loadDataset(parquet, 'iris.parquet'),
      /^DataFileError: iris\.parquet: is a parquet file, which the text reader does not read/,
    );
    // A name that does not tell: sniffed from the first bytes.
    assert.strictEqual((await loadDatasetFromBytes(parquet, 'iris-data')).summary.format, 'parquet');
    assert.strictEqual((await loadDatasetFromBytes(npz, 'iris-data')).summary.format, 'npz');
  });
});
