import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runCli } from './cliRun';
import { datasetFixture } from './datasetHelpers';
import { REPO } from './helpers';

const IRIS_CSV = path.join(REPO, 'media', 'datasets', 'iris.csv');
const IRIS_PARQUET = datasetFixture('binary', 'iris.parquet');
const IRIS_NPZ = datasetFixture('binary', 'iris.npz');

/** A report with the file's name, and the .npz label array's name, put back as the CSV's. */
function normalised(stdout: string, file: string, label: string): unknown {
  const text = stdout.split(JSON.stringify(file).slice(1, -1)).join('iris');
  const report = JSON.parse(text) as { schema: { label: string } };
  if (report.schema.label !== label) return report;
  return JSON.parse(text.split(`"${label}"`).join('"species"').split(`'${label}'`).join("'species'"));
}

describe('gamma-ce on Parquet and .npz datasets', function () {
  this.timeout(120_000);

  it('train --json gives the identical report for Iris as CSV, Parquet and .npz (same seed)', async () => {
    const args = ['--epochs', '4', '--seed', '11', '--noise', '0.1', '--baselines', 'ts', '--json'];
    const reports = [];
    for (const file of [IRIS_CSV, IRIS_PARQUET, IRIS_NPZ]) {
      const { code, stdout, stderr } = await runCli('train', file, ...args);
      assert.strictEqual(code, 0, stderr);
      reports.push(normalised(stdout, file, 'y'));
    }
    const reference = reports[0] as { runs: { test: { accuracy: number } }[] };
    assert.strictEqual(reference.runs.length, 4);
    assert.deepStrictEqual(reports[1], reference, 'Parquet');
    assert.deepStrictEqual(reports[2], reference, '.npz');
  });

  it('inspect --json reads them, and a seed study reads the table the same way', async () => {
    const { code, stdout, stderr } = await runCli('inspect', IRIS_PARQUET, '--json');
    assert.strictEqual(code, 0, stderr);
    const report = JSON.parse(stdout);
    assert.strictEqual(report.schema.label, 'species');
    assert.ok(JSON.stringify(report).includes('parquet'), 'the format is shown');
    const study = ['--epochs', '2', '--seeds', '2', '--json'];
    const csv = await runCli('train', IRIS_CSV, ...study);
    const npz = await runCli('train', IRIS_NPZ, ...study);
    assert.strictEqual(npz.code, 0, npz.stderr);
    assert.deepStrictEqual(normalised(npz.stdout, IRIS_NPZ, 'y'), normalised(csv.stdout, IRIS_CSV, 'y'));
  });

  it('a bad file is one line on stderr and exit 1; --export-torch refuses the binary formats', async () => {
    const bad = await runCli('train', datasetFixture('binary', 'bad-nan-label.npz'), '--epochs', '1');
    assert.strictEqual(bad.code, 1);
    assert.match(
      bad.stderr,
      /^gamma-ce: .*bad-nan-label\.npz, array 'y', row 42: the label is NaN; labels are class numbers or names\n$/,
    );
    const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'gce-')), 'project');
    const refused = await runCli('train', IRIS_PARQUET, '--export-torch', dir);
    assert.strictEqual(refused.code, 1);
    assert.match(
      refused.stderr,
      /iris\.parquet: is a Parquet dataset; the PyTorch export takes CSV, TSV, JSON or JSONL/,
    );
    assert.ok(!fs.existsSync(dir), 'nothing written');
  });
});
