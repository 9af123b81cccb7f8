import * as assert from 'assert';
import { readColumns } from '../../src/core/data/columnReader';
import { loadDataset } from '../../src/core/data/dataset';
import { MAX_CATEGORIES } from '../../src/core/data/limits';
import { DatasetSchema, inferSchema, isDatasetSchema, LABEL_NAMES } from '../../src/core/data/schema';
import { dataFileError, loadFixture } from './datasetHelpers';

function csv(header: string[], rows: Array<Array<string | number>>): string {
  return `${[header.join(','), ...rows.map((r) => r.join(','))].join('\n')}\n`;
}

function schemaOf(text: string, file = 't.csv', label?: string): DatasetSchema {
  return inferSchema(readColumns(text, file), { label });
}

function column(schema: DatasetSchema, name: string) {
  const found = schema.columns.find((c) => c.name === name);
  assert.ok(found, `column ${name}`);
  return found;
}

describe('datasets: the label column and its classes', () => {
  it('takes a column named label, target, class, y, outcome, species, diagnosis or digit (any case), else the last', () => {
    for (const name of LABEL_NAMES) {
      for (const spelled of [name, name.toUpperCase()]) {
        const schema = schemaOf(
          csv(
            ['a', spelled, 'z'],
            [
              [1, 'p', 3],
              [2, 'q', 4],
            ],
          ),
        );
        assert.strictEqual(schema.label, spelled);
        assert.strictEqual(column(schema, spelled).role, 'label');
      }
    }
    assert.strictEqual(
      schemaOf(
        csv(
          ['a', 'b', 'kind'],
          [
            [1, 2, 'p'],
            [2, 3, 'q'],
          ],
        ),
      ).label,
      'kind',
    );
    // Earlier names in the list win: `label` over `y`.
    assert.strictEqual(
      schemaOf(
        csv(
          ['y', 'label', 'z'],
          [
            [1, 'p', 3],
            [2, 'q', 4],
          ],
        ),
      ).label,
      'label',
    );
  });

  it('uses the label the caller names (case-insensitively when unambiguous) and names a missing one', () => {
    const text = csv(
      ['a', 'B', 'c'],
      [
        [1, 'p', 3],
        [2, 'q', 4],
      ],
    );
    assert.strictEqual(schemaOf(text, 't.csv', 'b').label, 'B');
    assert.strictEqual(
      dataFileError(() => schemaOf(text, 't.csv', 'nope')).message,
      "t.csv: has no label column 'nope' (columns: a, B, c); name the column that holds the true labels",
    );
  });

  it('orders classes naturally by default (numbers by value, c2 before c10) or as they first appear', () => {
    // Each row twice: a label needs at least two rows per class on average.
    const twice = <T>(rows: T[]) => [...rows, ...rows];
    const numbers = csv(
      ['x', 'label'],
      twice([
        [1, 10],
        [2, 9],
        [3, 2],
        [4, 10],
        [5, 1.5],
      ]),
    );
    assert.deepStrictEqual(schemaOf(numbers).classes, ['1.5', '2', '9', '10']);
    const names = csv(
      ['x', 'label'],
      twice([
        [1, 'c10'],
        [2, 'c2'],
        [3, 'b'],
        [4, 'c1'],
      ]),
    );
    assert.deepStrictEqual(schemaOf(names).classes, ['b', 'c1', 'c2', 'c10']);
    assert.deepStrictEqual(inferSchema(readColumns(names, 't.csv'), { classOrder: 'appearance' }).classes, [
      'c10',
      'c2',
      'b',
      'c1',
    ]);
    // Natural order does not depend on the order of the rows: shuffled files give the same class indices.
    const reversed = csv(
      ['x', 'label'],
      twice([
        [4, 'c1'],
        [3, 'b'],
        [2, 'c2'],
        [1, 'c10'],
      ]),
    );
    assert.deepStrictEqual(schemaOf(reversed).classes, schemaOf(names).classes);
  });

  it('needs two classes, and reports classes with fewer than two rows', () => {
    const one = dataFileError(() =>
      loadDataset(
        csv(
          ['x', 'label'],
          [
            [1, 'a'],
            [2, 'a'],
            [3, 'a'],
          ],
        ),
        'one.csv',
      ),
    );
    assert.strictEqual(
      one.message,
      "one.csv, column 'label': the label column has only one class ('a'); training needs at least two",
    );
    const rare = loadDataset(
      csv(
        ['x', 'label'],
        [
          [1, 'a'],
          [2, 'a'],
          [3, 'b'],
          [4, 'a'],
          [5, 'c'],
          [6, 'c'],
        ],
      ),
      'rare.csv',
    );
    assert.deepStrictEqual(
      rare.warnings.filter((w) => w.startsWith('class')),
      ["class 'b' has 1 row: too few to appear in both training and evaluation"],
    );
  });

  it('leaves out rows without a label (counted), or stops at the first in strict mode', () => {
    const text = csv(
      ['x', 'label'],
      [
        [1, 'a'],
        [2, ''],
        [3, 'b'],
        [4, 'a'],
        [5, 'NA'],
        [6, 'b'],
      ],
    );
    const d = loadDataset(text, 'gaps.csv');
    assert.strictEqual(d.summary.missingLabels, 2);
    assert.strictEqual(d.summary.rowsUsed, 4);
    assert.ok(d.warnings.includes('2 row(s) without a label were left out'));
    assert.strictEqual(
      dataFileError(() => loadDataset(text, 'gaps.csv', { strict: true })).message,
      "gaps.csv, row 2 (line 3), column 'label': the label is missing",
    );
  });

  it('refuses a label with more classes than half its rows (ids, names), naming the column and --label', () => {
    // 200 rows, each its own name: the file of issue 11, which trained as 200 classes split 198/1/1.
    const unique = Array.from({ length: 200 }, (_, i) => [i % 5, (i * 7) % 11, `person ${i}`]);
    const error = dataFileError(() => loadDataset(csv(['a', 'b', 'name'], unique), 'people.csv'));
    assert.strictEqual(
      error.message,
      "people.csv, column 'name': the label column has 200 distinct values in 200 rows (every row has its own value): it looks like identifiers or free text, not classes; " +
        'name the column that holds the classes with --label <column> (in the training panel: Label column)',
    );
    // 101 classes in 200 rows: more than half.
    const many = Array.from({ length: 200 }, (_, i) => [i, `k${i % 101}`]);
    assert.match(
      dataFileError(() => schemaOf(csv(['x', 'label'], many))).message,
      /101 distinct values in 200 rows \(more than half as many as there are rows\)/,
    );
    // Exactly half passes; rows without a label do not count.
    assert.strictEqual(
      schemaOf(
        csv(
          ['x', 'label'],
          Array.from({ length: 200 }, (_, i) => [i, `k${i % 100}`]),
        ),
      ).classes.length,
      100,
    );
    const gaps = Array.from({ length: 12 }, (_, i) => [i, i < 6 ? `k${i % 4}` : '']);
    assert.match(dataFileError(() => schemaOf(csv(['x', 'label'], gaps))).message, /4 distinct values in 6 rows/);
    // Two classes always pass, however few the rows; the same rule holds for a label named with --label.
    assert.deepStrictEqual(
      schemaOf(
        csv(
          ['x', 'y'],
          [
            [1, 'a'],
            [2, 'b'],
          ],
        ),
      ).classes,
      ['a', 'b'],
    );
    assert.match(
      dataFileError(() =>
        schemaOf(
          csv(
            ['name', 'x', 'label'],
            unique.map(([a, b, n]) => [n, a, b]),
          ),
          'p.csv',
          'name',
        ),
      ).message,
      /^p\.csv, column 'name': the label column has 200 distinct/,
    );
  });

  it('says that a one-column file has no column beside the label', () => {
    const error = dataFileError(() => loadDataset(csv(['label'], [['a'], ['b'], ['a']]), 'single.csv'));
    assert.strictEqual(
      error.message,
      "single.csv: has a single column ('label'): training needs a label column and at least one feature column beside it",
    );
  });

  it('quotes the column names that a comma or a quote would make ambiguous in a list', () => {
    const text = csv(
      ['"sensor a"', '"sensor, c"', "it's", 'label'],
      [
        [1, 2, 3, 'p'],
        [2, 3, 4, 'q'],
      ],
    );
    assert.strictEqual(
      dataFileError(() => schemaOf(text, 't.csv', 'nope')).message,
      `t.csv: has no label column 'nope' (columns: sensor a, 'sensor, c', "it's", label); name the column that holds the true labels`,
    );
  });

  it('refuses a label column with more than 1000 distinct values (a regression target, an id)', () => {
    const rows = Array.from({ length: 1200 }, (_, i) => [i % 7, i * 1.5]);
    const error = dataFileError(() => loadDataset(csv(['x', 'price'], rows), 'price.csv'));
    assert.match(error.message, /^price\.csv, column 'price': the label column has more than 1000 distinct values/);
  });
});

describe('datasets: each column numeric, categorical or ignored', () => {
  it('infers the roles of a mixed file: ids, constants and free text ignored, missing indicators over 5 %', () => {
    const d = loadFixture('good', 'mixed.csv');
    const s = d.schema;
    assert.strictEqual(s.label, 'Outcome');
    assert.deepStrictEqual(s.classes, ['maybe', 'no', 'yes']);
    assert.deepStrictEqual(column(s, 'row_id'), {
      name: 'row_id',
      role: 'ignored',
      type: 'numeric',
      reason: 'identifier: distinct integers, one per row',
    });
    // Distinct integers are not an id when neither the name nor the values (no run k…k+n−1) say so.
    assert.deepStrictEqual(column(s, 'age'), {
      name: 'age',
      role: 'feature',
      type: 'numeric',
      missingIndicator: false,
    });
    assert.deepStrictEqual(column(s, 'income'), {
      name: 'income',
      role: 'feature',
      type: 'numeric',
      missingIndicator: true,
    });
    assert.deepStrictEqual(column(s, 'colour'), {
      name: 'colour',
      role: 'feature',
      type: 'categorical',
      levels: ['blue', 'green', 'red'],
      missingLevel: true,
    });
    assert.strictEqual(column(s, 'comment').role, 'ignored');
    assert.strictEqual(column(s, 'comment').type, 'text');
    assert.deepStrictEqual(column(s, 'constant'), {
      name: 'constant',
      role: 'ignored',
      type: 'numeric',
      reason: "constant: always '7'",
    });
    assert.deepStrictEqual(d.featureNames, [
      'age',
      'income',
      'income (missing)',
      'colour=blue',
      'colour=green',
      'colour=red',
      'colour=(missing)',
      'score',
    ]);
    assert.ok(d.warnings.includes("column 'constant' is ignored: constant: always '7'"), d.warnings.join('\n'));
  });

  it(`makes text with at most ${MAX_CATEGORIES} distinct values categorical and ignores text with more`, () => {
    const rows = (levels: number) => Array.from({ length: 200 }, (_, i) => [`v${i % levels}`, i % 2 ? 'a' : 'b']);
    assert.strictEqual(column(schemaOf(csv(['t', 'label'], rows(MAX_CATEGORIES))), 't').type, 'categorical');
    const many = column(schemaOf(csv(['t', 'label'], rows(MAX_CATEGORIES + 1))), 't');
    assert.deepStrictEqual([many.role, many.type], ['ignored', 'text']);
    assert.match(many.reason!, /free text: 51 distinct values/);
  });

  it('treats a number column with a stray word as text, and says which cell', () => {
    const rows = Array.from({ length: 100 }, (_, i) => [i === 40 ? 'unknown' : (i % 60) * 1.25, i % 2 ? 'a' : 'b']);
    const c = column(schemaOf(csv(['m', 'label'], rows)), 'm');
    assert.deepStrictEqual([c.role, c.type], ['ignored', 'text']);
    assert.match(c.reason!, /'unknown' is not a number/);
  });

  it('drops a constant column, but keeps one whose missing cells (over 5 %) carry the information', () => {
    const rows = Array.from({ length: 40 }, (_, i) => [1, i % 4 ? 1 : '', i % 2 ? 'a' : 'b']);
    const s = schemaOf(csv(['always', 'flag', 'label'], rows));
    assert.strictEqual(column(s, 'always').role, 'ignored');
    assert.deepStrictEqual(column(s, 'flag'), {
      name: 'flag',
      role: 'feature',
      type: 'numeric',
      missingIndicator: true,
    });
  });

  it('finds row numbers without an id-like name (a run k … k+n−1 in any order) and ids by name', () => {
    const shuffled = [7, 3, 10, 1, 5, 2, 9, 4, 8, 6, 12, 11];
    const s = schemaOf(
      csv(
        ['n', 'patient_id', 'label'],
        shuffled.map((v, i) => [v, 1000 + ((i * 5) % 12), i % 2 ? 'a' : 'b']),
      ),
    );
    assert.strictEqual(column(s, 'n').role, 'ignored');
    assert.strictEqual(column(s, 'patient_id').role, 'ignored');
  });

  it('ignores a column with every cell missing', () => {
    const s = schemaOf(
      csv(
        ['gone', 'x', 'label'],
        [
          ['', 1, 'a'],
          ['NA', 2, 'b'],
        ],
      ),
    );
    assert.deepStrictEqual(column(s, 'gone'), {
      name: 'gone',
      role: 'ignored',
      type: 'numeric',
      reason: 'empty: every cell is missing',
    });
  });

  it('says so when no feature column is left', () => {
    const error = dataFileError(() =>
      loadDataset(
        csv(
          ['id', 'label'],
          [
            [1, 'a'],
            [2, 'b'],
            [3, 'a'],
          ],
        ),
        'ids.csv',
      ),
    );
    assert.strictEqual(
      error.message,
      "ids.csv: has no feature columns: every column besides the label 'label' is ignored",
    );
  });
});

describe('datasets: the schema is JSON, editable, and reproduces a run', () => {
  it('survives a JSON round trip and, applied again, gives the identical dataset', () => {
    const first = loadFixture('good', 'mixed.csv', { seed: 3 });
    const saved: unknown = JSON.parse(JSON.stringify(first.schema));
    assert.ok(isDatasetSchema(saved));
    assert.deepStrictEqual(saved, first.schema);
    const again = loadFixture('good', 'mixed.csv', { seed: 3, schema: saved });
    assert.deepStrictEqual(again.schema, first.schema);
    assert.deepStrictEqual(again.featureNames, first.featureNames);
    assert.deepStrictEqual(again.train.x, first.train.x);
    assert.deepStrictEqual(again.test.y, first.test.y);
  });

  it('applies edits: a role, a type, levels, class order, and ignores columns the schema does not name', () => {
    const base = loadFixture('good', 'mixed.csv').schema;
    const edited: DatasetSchema = {
      ...base,
      classes: ['yes', 'no', 'maybe'],
      columns: base.columns
        .filter((c) => c.name !== 'score')
        .map((c) => {
          if (c.name === 'comment') return { name: c.name, role: 'ignored', type: 'text' };
          if (c.name === 'age') return { name: 'age', role: 'feature', type: 'categorical', levels: ['20', '27'] };
          if (c.name === 'income') return { name: 'income', role: 'ignored', type: 'numeric' };
          return c;
        }),
    };
    const d = loadFixture('good', 'mixed.csv', { schema: edited });
    assert.deepStrictEqual(d.classNames, ['yes', 'no', 'maybe']);
    assert.deepStrictEqual(d.featureNames, [
      'age=20',
      'age=27',
      'colour=blue',
      'colour=green',
      'colour=red',
      'colour=(missing)',
    ]);
    assert.ok(d.warnings.includes("column 'score' is not in the schema: ignored"), d.warnings.join('\n'));
    assert.ok(
      d.warnings.some((w) => /column 'age': 38 cell\(s\) hold values that are not among the schema's levels/.test(w)),
      d.warnings.join('\n'),
    );
    const maybe = d.train.y.filter((k) => k === 2).length;
    assert.strictEqual(maybe, 7);
  });

  it('fills in what an edit leaves out (levels of a column made categorical) and re-infers after a label change', () => {
    const base = loadFixture('good', 'mixed.csv').schema;
    const edited: DatasetSchema = {
      ...base,
      columns: base.columns.map((c) =>
        c.name === 'score' ? { name: 'score', role: 'feature', type: 'categorical' } : c,
      ),
    };
    const d = loadFixture('good', 'mixed.csv', { schema: edited });
    assert.deepStrictEqual(
      d.featureNames.filter((f) => f.startsWith('score')),
      [
        'score=0.0',
        'score=0.1',
        'score=0.2',
        'score=0.3',
        'score=0.4',
        'score=0.5',
        'score=0.6',
        'score=0.7',
        'score=0.8',
      ],
    );
    const relabelled = loadFixture('good', 'mixed.csv', { schema: base, label: 'colour' });
    assert.strictEqual(relabelled.schema.label, 'colour');
    assert.deepStrictEqual(relabelled.classNames, ['blue', 'green', 'red']);
    assert.strictEqual(column(relabelled.schema, 'Outcome').type, 'categorical');
    assert.strictEqual(column(relabelled.schema, 'Outcome').role, 'feature');
  });

  it('rejects, as a DataFileError naming the file, a schema that does not fit the file', () => {
    const base = loadFixture('good', 'mixed.csv').schema;
    const cases: Array<[DatasetSchema, RegExp]> = [
      [
        { ...base, classes: ['maybe', 'no'] },
        /^mixed\.csv, row 3 \(line 4\), column 'Outcome': unknown class 'yes' \(the schema's classes: maybe, no\)$/,
      ],
      [
        { ...base, columns: [...base.columns, { name: 'height', role: 'feature', type: 'numeric' }] },
        /^mixed\.csv, column 'height': has no column 'height', which the schema makes a feature$/,
      ],
      [{ ...base, label: 'nope' }, /^mixed\.csv: has no label column 'nope'/],
      [
        { ...base, version: 2 } as unknown as DatasetSchema,
        /^mixed\.csv: the schema cannot be used: its version is not 1$/,
      ],
      [
        { ...base, columns: base.columns.map((c) => (c.name === 'comment' ? { ...c, role: 'feature' } : c)) },
        /^mixed\.csv, column 'comment': the schema makes a 'text' column a feature/,
      ],
    ];
    for (const [schema, message] of cases)
      assert.match(dataFileError(() => loadFixture('good', 'mixed.csv', { schema })).message, message);
  });

  it('matches saved numeric classes across spellings (1 ↔ 1.0)', () => {
    const text = csv(
      ['x', 'label'],
      [
        [1, '1.0'],
        [2, '0'],
        [3, '1.0'],
        [4, '0'],
      ],
    );
    const d = loadDataset(text, 'n.csv', { schema: { ...schemaOf(text), classes: ['0', '1'] } });
    assert.deepStrictEqual(d.classNames, ['0', '1']);
    assert.deepStrictEqual(d.summary.classCounts, [2, 2]);
  });
});
