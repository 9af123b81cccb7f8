import * as assert from 'assert';
import * as fs from 'fs';
import { DataFileError } from '../../src/core/data/dataFileError';
import { readPredictions } from '../../src/core/predictions';
import { assertClose, fixture } from './helpers';

function read(name: string, options = {}) {
  const file = fixture('predictions', name);
  return readPredictions(fs.readFileSync(file), name, options);
}

function probsOf(name: string, options = {}): number[][] {
  const { probs } = read(name, options);
  return Array.from({ length: probs.rows }, (_, i) =>
    Array.from(probs.data).slice(i * probs.cols, (i + 1) * probs.cols),
  );
}

describe('readPredictions: formats and label rules', () => {
  const expectedNames = [
    [0.7, 0.2, 0.1],
    [0.1, 0.8, 0.1],
    [0.3, 0.3, 0.4],
    [0.05, 0.05, 0.9],
    [0.5, 0.25, 0.25],
  ];

  it('CSV with class-name labels; a text column (id) is left out', () => {
    const p = read('names.csv');
    assert.deepStrictEqual(p.classNames, ['cat', 'dog', 'bird']);
    assert.deepStrictEqual(Array.from(p.labels), [0, 1, 0, 2, 1]);
    assert.deepStrictEqual(p.ignoredColumns, ['id']);
    assert.strictEqual(p.labelColumn, 'label');
    assert.deepStrictEqual(probsOf('names.csv'), expectedNames);
  });

  it('JSON array of objects and JSONL (blank lines skipped) read the same as CSV', () => {
    const json = read('preds.json');
    const jsonl = read('preds.jsonl');
    assert.deepStrictEqual(json.classNames, ['cat', 'dog', 'bird']);
    assert.deepStrictEqual(json.ignoredColumns, ['note']);
    assert.deepStrictEqual(Array.from(json.labels), [0, 1, 0, 2, 1]);
    assert.deepStrictEqual(Array.from(jsonl.labels), [0, 1, 0, 2, 1]);
    assert.deepStrictEqual(probsOf('preds.json'), expectedNames);
    assert.deepStrictEqual(probsOf('preds.jsonl'), expectedNames);
  });

  it('TSV with integer labels indexing the probability columns, and --label', () => {
    const p = read('index.tsv', { label: 'y' });
    assert.strictEqual(p.format, 'tsv');
    assert.deepStrictEqual(Array.from(p.labels), [0, 2, 1, 1]);
  });

  it('sniffs a semicolon delimiter', () => {
    const p = read('semicolon.csv');
    assert.deepStrictEqual(p.classNames, ['setosa', 'versicolor', 'virginica']);
    assert.deepStrictEqual(Array.from(p.labels), [0, 2, 1]);
  });

  it('matches labels to headers that share a prefix (prob_cat → cat)', () => {
    assert.deepStrictEqual(Array.from(read('prefixed.csv').labels), [0, 1, 1]);
  });

  it('reads a single binary probability column as [1 − p, p]', () => {
    const p = read('binary.csv');
    assert.strictEqual(p.probs.cols, 2);
    assert.deepStrictEqual(Array.from(p.labels), [1, 0, 0, 1, 1]);
    assertClose(probsOf('binary.csv')[0], [1 - 0.92, 0.92]);
  });

  it('applies softmax to logits with the softmax option', () => {
    const rows = probsOf('logits.csv', { softmax: true });
    const z = [2.0, -1.0, 0.5];
    const e = z.map(Math.exp);
    const s = e.reduce((a, b) => a + b, 0);
    assertClose(
      rows[0],
      e.map((v) => v / s),
      { rtol: 1e-15 },
    );
    assert.throws(() => read('logits.csv'), /use the softmax option/);
  });

  it('reads a UTF-8 BOM, CRLF line ends and quoted fields with delimiters, quotes and newlines', () => {
    const p = read('bom-crlf-quoted.csv');
    assert.deepStrictEqual(p.classNames, ['cat', 'dog']);
    assert.deepStrictEqual(p.ignoredColumns, ['comment']);
    assert.deepStrictEqual(Array.from(p.labels), [0, 0]);
  });
});

describe('readPredictions: bad files give one DataFileError naming file, row and column', () => {
  const cases: Array<[string, RegExp, object?]> = [
    ['no-label-column.csv', /^no-label-column\.csv: has no label column 'label' \(columns: cat, dog, truth\)/],
    ['non-numeric.csv', /^non-numeric\.csv, row 2 \(line 3\), column 'dog': 'abc' is not a number$/],
    ['bad-sum.csv', /^bad-sum\.csv, row 2 \(line 3\): the probabilities sum to 0\.8, not 1 \(±0\.001\); .*--softmax/],
    [
      'unknown-class.csv',
      /^unknown-class\.csv, row 2 \(line 3\), column 'label': unknown class 'fish'; expected one of the class names \(cat, dog\) or indices 0–1$/,
    ],
    ['empty.csv', /^empty\.csv: is empty$/],
    ['header-only.csv', /^header-only\.csv: has a header but no data rows$/],
    ['ragged.csv', /^ragged\.csv, row 2 \(line 3\): has 2 fields but the header has 3$/],
    ['unclosed-quote.csv', /^unclosed-quote\.csv, row 2 \(line 3\): a quoted field is never closed$/],
    ['invalid-utf8.csv', /^invalid-utf8\.csv, line 3: is not valid UTF-8 text/],
    ['bad-syntax.json', /^bad-syntax\.json: JSON syntax error at line 3, column 23: value expected$/],
    ['not-array.json', /^not-array\.json: must hold a JSON array of objects/],
    ['negative.csv', /^negative\.csv, row 2 \(line 3\), column 'cat': -0\.2 is not a probability in \[0, 1\]/],
    ['index-out-of-range.csv', /^index-out-of-range\.csv, row 2 \(line 3\), column 'label': unknown class '3'/],
    ['missing-label-value.csv', /^missing-label-value\.csv, row 2 \(line 3\), column 'label': the label is missing$/],
    ['multiline-bad.csv', /^multiline-bad\.csv, row 2 \(line 5\), column 'dog': 'oops' is not a number$/],
    ['names.csv', /has no label column 'truth'/, { label: 'truth' }],
  ];
  for (const [name, message, options] of cases) {
    it(name, () => {
      assert.throws(
        () => read(name, options),
        (error: unknown) => {
          assert.ok(error instanceof DataFileError, `threw ${String(error)}`);
          assert.match(error.message, message);
          assert.ok(!error.message.includes('\n    at '), 'no stack trace in the message');
          return true;
        },
      );
    });
  }

  it('refuses labels that mix class names and indices ambiguously', () => {
    const text = '0,1,label\n0.3,0.7,1\n0.6,0.4,1\n';
    assert.doesNotThrow(() => readPredictions(text, 'ok.csv'));
    const mixed = 'a,b,label\n0.3,0.7,1\n0.6,0.4,a\n';
    assert.throws(
      () => readPredictions(mixed, 'mixed.csv'),
      /mixed\.csv, row 2 \(line 3\), column 'label': label 'a' is a class name, but row 1 holds '1', a class index; name classes one way throughout$/,
    );
    const ambiguous = '1,x,label\n0.3,0.7,1\n0.6,0.4,0\n';
    assert.throws(
      () => readPredictions(ambiguous, 'amb.csv'),
      /row 1 \(line 2\), column 'label': label '1' is ambiguous: it names class '1' but indexes class 'x'/,
    );
  });
});

describe('readPredictions: labels matched to probability headers', () => {
  /** A predictions CSV with uniform probabilities over `headers` and the given labels. */
  function csv(headers: string[], labels: string[]): string {
    const p = String(1 / headers.length);
    return [[...headers, 'label'].join(','), ...labels.map((l) => [...headers.map(() => p), l].join(','))].join('\n');
  }
  const labelsOf = (headers: string[], labels: string[]) =>
    Array.from(readPredictions(csv(headers, labels), 'p.csv').labels);

  it('strips a shared prefix that ends at a separator even when the names share more characters (p_cat, p_cow)', () => {
    assert.deepStrictEqual(labelsOf(['p_cat', 'p_cow'], ['cat', 'cow', 'cow', 'cat']), [0, 1, 1, 0]);
  });

  it('p_d0 … p_d9 with labels d0 … d9', () => {
    const headers = Array.from({ length: 10 }, (_, k) => `p_d${k}`);
    const labels = [3, 0, 9, 7, 7, 1, 2, 4, 5, 6, 8].map((k) => `d${k}`);
    assert.deepStrictEqual(labelsOf(headers, labels), [3, 0, 9, 7, 7, 1, 2, 4, 5, 6, 8]);
  });

  it('every separator: _ - . : and space', () => {
    for (const sep of ['_', '-', '.', ':', ' ']) {
      assert.deepStrictEqual(
        labelsOf([`prob${sep}cat`, `prob${sep}cow`], ['cow', 'cat']),
        [1, 0],
        `separator '${sep}'`,
      );
    }
  });

  it('exact header names first: full headers, and names that would also read with a prefix removed', () => {
    assert.deepStrictEqual(labelsOf(['cat', 'cow'], ['cow', 'cat']), [1, 0]);
    assert.deepStrictEqual(labelsOf(['p_cat', 'p_cow'], ['p_cow', 'p_cat']), [1, 0]);
    // 'p_x' is header 0 as written and header 1 without 'p_': as written wins.
    assert.deepStrictEqual(labelsOf(['p_x', 'p_p_x'], ['p_x', 'p_p_x']), [0, 1]);
    assert.deepStrictEqual(labelsOf(['p_x', 'p_p_x'], ['p_x']), [0]);
  });

  it('any shared prefix that ends at a separator, longest first (prob_class_cat → class_cat or cat)', () => {
    const headers = ['prob_class_cat', 'prob_class_dog'];
    assert.deepStrictEqual(labelsOf(headers, ['dog', 'cat']), [1, 0]);
    assert.deepStrictEqual(labelsOf(headers, ['class_dog', 'class_cat']), [1, 0]);
  });

  it('integer labels still index the columns when the stripped names are numbers that do not all match', () => {
    assert.deepStrictEqual(labelsOf(['p_0', 'p_1', 'p_2'], ['2', '0']), [2, 0]);
    assert.throws(
      () => labelsOf(['p_1', 'p_2'], ['1', '0']),
      /label '1' is ambiguous: it names class 'p_1' but indexes class 'p_2'/,
    );
  });

  it('says which mappings were tried when a label matches none', () => {
    assert.throws(
      () => labelsOf(['p_cat', 'p_cow'], ['cat', 'fish']),
      /p\.csv, row 2 \(line 3\), column 'label': unknown class 'fish'; expected one of the class names \(p_cat, p_cow\), the same without the prefix 'p_' \(cat, cow\), or indices 0–1$/,
    );
    // A common run of characters that does not end at a separator is not a prefix.
    assert.throws(
      () => labelsOf(['xcat', 'xcow'], ['cat']),
      /unknown class 'cat'; expected one of the class names \(xcat, xcow\) or indices 0–1$/,
    );
  });

  it('refuses labels that mix full headers and stripped names', () => {
    assert.throws(
      () => labelsOf(['p_cat', 'p_cow'], ['p_cat', 'cow']),
      /row 2 \(line 3\), column 'label': label 'cow' is a class name without the prefix 'p_', but row 1 holds 'p_cat', a class name; name classes one way throughout$/,
    );
  });
});
