import * as assert from 'assert';
import * as fs from 'fs';
import { calibrationReport } from '../../src/core/calibration';
import { readPredictions } from '../../src/core/predictions';
import { OPTIONS as CALIBRATE_OPTIONS } from '../../src/cli/calibrateCommand';
import { OPTIONS as INSPECT_OPTIONS } from '../../src/cli/inspectCommand';
import { OPTIONS as TRAIN_OPTIONS } from '../../src/cli/trainCommand';
import { runCli } from './cliRun';
import { assertClose, fixture } from './helpers';

const run = runCli;

const pred = (name: string) => fixture('predictions', name);

describe('gamma-ce calibrate', () => {
  it('--json prints exactly the calibration report plus file', async () => {
    const file = pred('names.csv');
    const { code, stdout, stderr } = await run('calibrate', file, '--json');
    assert.strictEqual(code, 0, stderr);
    const p = readPredictions(fs.readFileSync(file), file);
    assert.deepStrictEqual(JSON.parse(stdout), { file, ...calibrationReport(p.probs, p.labels) });
  });

  it('--bins, --label and --softmax reach the report', async () => {
    const bins = JSON.parse(
      (await run('calibrate', pred('index.tsv'), '--label', 'y', '--bins', '7', '--json')).stdout,
    );
    assert.strictEqual(bins.bins.length, 7);
    assert.strictEqual(bins.n, 4);
    const logits = await run('calibrate', pred('logits.csv'), '--softmax', '--json');
    assert.strictEqual(logits.code, 0, logits.stderr);
    const z = [2.0, -1.0, 0.5];
    const p0 = Math.exp(2) / z.reduce((s, v) => s + Math.exp(v), 0);
    assertClose(
      JSON.parse(logits.stdout).bins.find(
        (b: { count: number; confidence: number }) => b.count > 0 && b.confidence > 0.7,
      ).confidence,
      p0,
    );
  });

  it('prints a readable table and an ASCII reliability diagram', async () => {
    const { code, stdout } = await run('calibrate', pred('names.csv'), '--bins', '5');
    assert.strictEqual(code, 0);
    assert.match(stdout, /5 rows, 3 classes \(cat, dog, bird\)/);
    assert.match(stdout, /ECE\s+0\.3000\s+\(5 equal-width bins, top-label\)/);
    assert.match(stdout, /Accuracy\s+0\.6000/);
    assert.match(stdout, /0\.60-0\.80\s+2\s+1\.000\s+0\.750\s+#+\|#+/);
    assert.strictEqual(stdout.split('\n').filter((l) => /^\s+\d\.\d\d-\d\.\d\d/.test(l)).length, 5);
  });

  const bad: Array<[string, RegExp]> = [
    ['no-label-column.csv', /no label column 'label'/],
    ['non-numeric.csv', /row 2 \(line 3\), column 'dog': 'abc' is not a number/],
    ['bad-sum.csv', /row 2 \(line 3\): the probabilities sum to 0\.8.*--softmax/],
    ['unknown-class.csv', /unknown class 'fish'/],
    ['empty.csv', /empty\.csv: is empty/],
  ];
  for (const [name, message] of bad) {
    it(`exits 1 with one line naming the problem: ${name}`, async () => {
      const { code, stdout, stderr } = await run('calibrate', pred(name));
      assert.strictEqual(code, 1);
      assert.strictEqual(stdout, '');
      assert.match(stderr, message);
      assert.ok(stderr.startsWith(`gamma-ce: ${pred(name)}`), stderr);
      assert.strictEqual(stderr.trimEnd().split('\n').length, 1, 'one line, no stack trace');
    });
  }

  it('exits 1 for a file that does not exist, or is a directory, with the same words in every command', async () => {
    for (const command of ['calibrate', 'inspect', 'train']) {
      const missing = await run(command, pred('nope.csv'));
      assert.strictEqual(missing.code, 1);
      assert.strictEqual(missing.stderr, `gamma-ce: cannot read ${pred('nope.csv')}: no such file\n`);
      const folder = await run(command, fixture('predictions'));
      assert.strictEqual(folder.code, 1);
      assert.strictEqual(folder.stderr, `gamma-ce: cannot read ${fixture('predictions')}: it is a directory\n`);
    }
  });

  it('exits 2 on usage errors', async () => {
    assert.strictEqual((await run('calibrate')).code, 2);
    assert.strictEqual((await run('calibrate', pred('names.csv'), '--bins', '0')).code, 2);
    assert.strictEqual((await run('calibrate', pred('names.csv'), '--colour')).code, 2);
    assert.strictEqual((await run('frobnicate')).code, 2);
    assert.strictEqual((await run('--help')).code, 0);
  });
});

describe('gamma-ce <command> --help', () => {
  const commands = { calibrate: CALIBRATE_OPTIONS, inspect: INSPECT_OPTIONS, train: TRAIN_OPTIONS };
  for (const [command, options] of Object.entries(commands)) {
    for (const flag of ['--help', '-h']) {
      it(`${command} ${flag} prints the ${command} usage to stdout and exits 0`, async () => {
        for (const argv of [
          [command, flag],
          [command, pred('names.csv'), flag],
          [command, '--json', flag],
        ]) {
          const { code, stdout, stderr } = await run(...argv);
          assert.strictEqual(code, 0, `${argv.join(' ')}: ${stderr}`);
          assert.strictEqual(stderr, '');
          assert.ok(stdout.startsWith(`Usage: gamma-ce ${command} <file>`), stdout);
          assert.match(stdout, /-h, --help {3}show this help\n$/);
          for (const other of Object.keys(commands))
            if (other !== command) assert.ok(!stdout.includes(`gamma-ce ${other}`));
        }
      });
    }
    it(`the ${command} usage names every option it accepts; help ${command} prints it too`, async () => {
      const { code, stdout } = await run('help', command);
      assert.strictEqual(code, 0);
      assert.strictEqual(stdout, (await run(command, '--help')).stdout);
      for (const name of Object.keys(options))
        assert.ok(stdout.includes(`--${name}`), `--${name} in the ${command} usage`);
    });
  }

  it("a usage error in a command shows that command's usage; an unknown command the full usage", async () => {
    const bad = await run('calibrate', pred('names.csv'), '--colour');
    assert.strictEqual(bad.code, 2);
    assert.strictEqual(bad.stdout, '');
    assert.match(bad.stderr, /^gamma-ce: Unknown option '--colour'.*\n\nUsage: gamma-ce calibrate <file>/s);
    const unknown = await run('frobnicate', '--help');
    assert.strictEqual(unknown.code, 2);
    assert.match(
      unknown.stderr,
      /^gamma-ce: unknown command 'frobnicate'\n\nUsage: gamma-ce <command> \[options\]\n\nCommands:\n {2}calibrate <file>/,
    );
    // An argument after `--` is a file name, not a request for help.
    assert.strictEqual((await run('calibrate', '--', '--help')).code, 1);
  });
});
