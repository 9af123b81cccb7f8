import * as assert from 'assert';
import { loadDataset } from '../../src/core/data/dataset';
import { seededRandom } from '../../src/core/random';
import { featureColumn, loadFixture } from './datasetHelpers';
import { assertClose } from './helpers';

/** 300 rows: x (some missing), z, colour (some missing), label. */
function table(): string[][] {
  const random = seededRandom(21);
  const rows = [['x', 'z', 'colour', 'label']];
  for (let i = 0; i < 300; i++) {
    const x = random() < 0.1 ? '' : (random() * 10 + (i % 3)).toFixed(3);
    const colour = random() < 0.05 ? 'NA' : ['red', 'green', 'blue'][Math.floor(random() * 3)];
    rows.push([x, (random() * 100).toFixed(2), colour, `c${i % 3}`]);
  }
  return rows;
}

const text = (rows: string[][]) => rows.map((r) => r.join(',')).join('\n');

function meanStd(values: number[]): [number, number] {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return [mean, Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / values.length)];
}

describe('datasets: encoding', () => {
  it('standardises numeric features with the mean and standard deviation of the observed training values', () => {
    const rows = table();
    const d = loadDataset(text(rows), 't.csv', { seed: 2 });
    const raw = (row: number, column: number) => rows[row][column];
    for (const [name, column] of [
      ['x', 0],
      ['z', 1],
    ] as const) {
      const observed = Array.from(d.train.sourceRows, (r) => raw(r, column))
        .filter((v) => v !== '')
        .map((v) => Math.fround(Number(v)));
      const [mean, std] = meanStd(observed);
      const t = d.transforms.find((f) => f.name === name)!;
      assertClose(t.mean, mean, { rtol: 1e-12 }, `${name} mean`);
      assertClose(t.std, std, { rtol: 1e-12 }, `${name} std`);
      const encoded = featureColumn(d, 'train', name);
      d.train.sourceRows.forEach((r, i) => {
        const v = raw(r, column);
        const expected = v === '' ? 0 : (Math.fround(Number(v)) - mean) / std;
        assertClose(encoded[i], Math.fround(expected), { atol: 1e-6 }, `${name} row ${r}`);
      });
      const [trainMean, trainStd] = meanStd(encoded.filter((_, i) => raw(d.train.sourceRows[i], column) !== ''));
      assertClose(trainMean, 0, { atol: 1e-6 });
      assertClose(trainStd, 1, { atol: 1e-5 });
    }
  });

  it('does not look at the validation and test rows: changing them changes nothing learnt', () => {
    const rows = table();
    const d = loadDataset(text(rows), 't.csv', { seed: 2 });
    const held = new Set([...d.validation.sourceRows, ...d.test.sourceRows]);
    const changed = rows.map((r, i) => (held.has(i) ? ['1e6', '-1e6', 'violet', r[3]] : r));
    // Same schema: which features exist is decided on the whole file; what they learn, on train only.
    const e = loadDataset(text(changed), 't.csv', { seed: 2, schema: d.schema });
    assert.deepStrictEqual(e.transforms, d.transforms);
    assert.deepStrictEqual(e.train, d.train);
    assert.deepStrictEqual(e.test.sourceRows, d.test.sourceRows);
    assert.notDeepStrictEqual(e.test.x, d.test.x);
    // An unseen level in held-out rows is encoded as all zeros, not as a new feature.
    assert.deepStrictEqual(e.featureNames, d.featureNames);
  });

  it('one-hot encodes categorical columns, with missing cells as a level of their own', () => {
    const rows = table();
    const d = loadDataset(text(rows), 't.csv', { seed: 2 });
    assert.deepStrictEqual(d.featureNames, [
      'x',
      'x (missing)',
      'z',
      'colour=blue',
      'colour=green',
      'colour=red',
      'colour=(missing)',
    ]);
    const names = ['colour=blue', 'colour=green', 'colour=red', 'colour=(missing)'];
    const columns = names.map((n) => featureColumn(d, 'test', n));
    d.test.sourceRows.forEach((r, i) => {
      const colour = rows[r][2];
      const expected = names.map((n) =>
        n === `colour=${colour}` || (colour === 'NA' && n === 'colour=(missing)') ? 1 : 0,
      );
      assert.deepStrictEqual(
        columns.map((c) => c[i]),
        expected,
        `row ${r} (${colour})`,
      );
    });
    const indicator = featureColumn(d, 'validation', 'x (missing)');
    d.validation.sourceRows.forEach((r, i) => assert.strictEqual(indicator[i], rows[r][0] === '' ? 1 : 0));
  });

  it('maps every split row back to its file row, with labels as class indices', () => {
    const rows = table();
    const d = loadDataset(text(rows), 't.csv');
    for (const split of [d.train, d.validation, d.test]) {
      split.sourceRows.forEach((r, i) => assert.strictEqual(d.classNames[split.y[i]], rows[r][3]));
      assert.strictEqual(split.x.length, split.rows * d.features);
    }
    assert.strictEqual(d.train.rows + d.validation.rows + d.test.rows, 300);
  });

  it('encodes the mixed fixture exactly (rows checked by hand)', () => {
    const d = loadFixture('good', 'mixed.csv');
    const at = (row: number, name: string) => {
      const split = (['train', 'validation', 'test'] as const).find((s) => d[s].sourceRows.includes(row))!;
      return featureColumn(d, split, name)[Array.from(d[split].sourceRows).indexOf(row)];
    };
    // Row 4: age 41, income 1411.5, colour missing, score 0.3.
    assert.deepStrictEqual(
      ['colour=blue', 'colour=green', 'colour=red', 'colour=(missing)', 'income (missing)'].map((n) => at(4, n)),
      [0, 0, 0, 1, 0],
    );
    const age = d.transforms.find((f) => f.name === 'age')!;
    assertClose(at(4, 'age'), Math.fround((41 - age.mean) / age.std), { atol: 1e-6 });
    // Row 1: income missing → the training mean (0 once standardised) and the indicator 1; colour red.
    assert.deepStrictEqual([at(1, 'income'), at(1, 'income (missing)'), at(1, 'colour=red')], [0, 1, 1]);
  });
});
