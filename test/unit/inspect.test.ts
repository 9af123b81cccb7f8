import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { loadDataset } from '../../src/core/data/dataset';
import { datasetReport } from '../../src/core/data/describeDataset';
import { MAX_DATASET_BYTES } from '../../src/core/data/limits';
import { runCli } from './cliRun';
import { datasetFixture } from './datasetHelpers';

const run = runCli;

const good = (name: string) => datasetFixture('good', name);

describe('gamma-ce inspect', () => {
  let tmp: string;
  before(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gamma-ce-inspect-'));
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('--json prints the report of exactly the dataset loadDataset gives', async () => {
    const file = good('mixed.csv');
    const { code, stdout, stderr } = await run('inspect', file, '--json');
    assert.strictEqual(code, 0, stderr);
    const report = JSON.parse(stdout);
    assert.deepStrictEqual(report, JSON.parse(JSON.stringify(datasetReport(loadDataset(fs.readFileSync(file), file)))));
    assert.deepStrictEqual(Object.keys(report), [
      'file',
      'format',
      'delimiter',
      'rows',
      'label',
      'classes',
      'columns',
      'features',
      'featureNames',
      'splits',
      'noise',
      'warnings',
      'schema',
    ]);
    assert.deepStrictEqual(report.rows, { read: 40, used: 40, skipped: 0, missingLabels: 0 });
    assert.deepStrictEqual(report.classes, [
      { name: 'maybe', count: 10 },
      { name: 'no', count: 20 },
      { name: 'yes', count: 10 },
    ]);
    assert.deepStrictEqual(
      report.columns.find((c: { name: string }) => c.name === 'income'),
      {
        name: 'income',
        role: 'feature',
        type: 'numeric',
        missing: 8,
        distinct: 32,
        features: 2,
      },
    );
    assert.deepStrictEqual(report.splits, {
      seed: 0,
      fractions: { train: 0.7, validation: 0.15, test: 0.15 },
      train: 28,
      validation: 7,
      test: 5,
    });
  });

  it('prints a readable schema: classes with counts, each column with role, type and missing values, warnings', async () => {
    const { code, stdout } = await run('inspect', good('mixed.csv'));
    assert.strictEqual(code, 0);
    assert.match(stdout, /mixed\.csv: CSV \(comma-separated\), 40 rows, 8 columns/);
    assert.match(stdout, /label column 'Outcome' \(named 'Outcome'\), 3 classes:/);
    assert.match(stdout, /^ {2}no\s+20$/m);
    assert.match(stdout, /^ {2}income\s+feature\s+numeric\s+8\s+32\s+2$/m);
    assert.match(stdout, /^ {2}row_id\s+ignored\s+numeric\s+0\s+40\s+0\s+identifier: distinct integers, one per row$/m);
    assert.match(stdout, /split \(seed 0, 70\/15\/15 stratified\): train 28, validation 7, test 5/);
    assert.match(stdout, /warnings:\n {2}- column 'row_id' is ignored/);
  });

  it('--label, --seed and --strict reach the dataset', async () => {
    const labelled = JSON.parse(
      (await run('inspect', good('mixed.csv'), '--label', 'colour', '--seed', '5', '--json')).stdout,
    );
    assert.strictEqual(labelled.label, 'colour');
    assert.strictEqual(labelled.splits.seed, 5);
    const ragged = await run('inspect', datasetFixture('bad', 'ragged.csv'), '--strict');
    assert.strictEqual(ragged.code, 1);
    assert.match(ragged.stderr, /ragged\.csv, row 3 \(line 4\): has 2 fields but the header has 3/);
    const lenient = await run('inspect', datasetFixture('bad', 'ragged.csv'));
    assert.strictEqual(lenient.code, 0);
    assert.match(
      lenient.stdout,
      /2 row\(s\) whose field count differs from the header's 3 were skipped: row 3 \(line 4, 2 fields\)/,
    );
  });

  it('--schema applies a saved schema (the JSON output or its schema field) and reproduces the report', async () => {
    const first = (await run('inspect', good('mixed.csv'), '--json')).stdout;
    const whole = path.join(tmp, 'report.json');
    fs.writeFileSync(whole, first);
    const part = path.join(tmp, 'schema.json');
    const edited = JSON.parse(first).schema;
    edited.columns = edited.columns.map((c: { name: string }) =>
      c.name === 'score' ? { name: 'score', role: 'ignored', type: 'numeric' } : c,
    );
    fs.writeFileSync(part, JSON.stringify(edited));
    const again = await run('inspect', good('mixed.csv'), '--json', '--schema', whole);
    assert.strictEqual(again.stdout, first);
    const withEdit = JSON.parse((await run('inspect', good('mixed.csv'), '--json', '--schema', part)).stdout);
    assert.ok(!withEdit.featureNames.includes('score'));
    const broken = path.join(tmp, 'broken.json');
    fs.writeFileSync(broken, '{"version": 1, "label": 3}');
    const bad = await run('inspect', good('mixed.csv'), '--schema', broken);
    assert.strictEqual(bad.code, 1);
    assert.strictEqual(bad.stderr, `gamma-ce: ${broken}: is not a dataset schema: 'label' is not a string\n`);
  });

  for (const name of ['empty.csv', 'unclosed-quote.csv', 'bad-syntax.json', 'too-many-columns.csv']) {
    it(`exits 1 with one line naming the file for ${name}`, async () => {
      const file = datasetFixture('bad', name);
      const { code, stdout, stderr } = await run('inspect', file);
      assert.strictEqual(code, 1);
      assert.strictEqual(stdout, '');
      assert.ok(stderr.startsWith(`gamma-ce: ${file}`), stderr);
      assert.strictEqual(stderr.trim().split('\n').length, 1);
    });
  }

  it('refuses a file over 200 MB without reading it', async () => {
    const file = path.join(tmp, 'huge.csv');
    fs.writeFileSync(file, 'a,b,label\n');
    fs.truncateSync(file, MAX_DATASET_BYTES + 1024 * 1024);
    const { code, stderr } = await run('inspect', file);
    assert.strictEqual(code, 1);
    assert.strictEqual(stderr, `gamma-ce: ${file}: is 201.0 MB; datasets over 200.0 MB are not loaded\n`);
  });

  it('exits 1 for a missing file or a directory and 2 for bad usage', async () => {
    assert.match((await run('inspect', path.join(tmp, 'nope.csv'))).stderr, /cannot read .*nope\.csv: no such file/);
    assert.match((await run('inspect', tmp)).stderr, /it is a directory/);
    for (const argv of [
      ['inspect'],
      ['inspect', 'a.csv', 'b.csv'],
      ['inspect', 'a.csv', '--seed', 'x'],
      ['inspect', 'a.csv', '--bogus'],
    ]) {
      assert.strictEqual((await run(...argv)).code, 2, argv.join(' '));
    }
  });
});
