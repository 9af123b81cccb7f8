import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { REPO } from '../unit/helpers';

const PACKAGE = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { name: string };
const TSC = path.join(REPO, 'node_modules', 'typescript', 'bin', 'tsc');

// What a TypeScript caller writes. The @ts-expect-error lines fail the check ("unused directive")
// when the package's types resolve to `any` or lose a parameter type.
const CONSUMER = `import * as tf from '@tensorflow/tfjs';
import { calibrationReport, gammaCrossEntropy, loadDataset, DataFileError } from '${PACKAGE.name}';
import type { EncodedDataset } from '${PACKAGE.name}';

const loss: tf.Tensor = gammaCrossEntropy(tf.tensor1d([1], 'int32'), tf.tensor2d([[0, 1]]), { gamma: 0.1 });
const ece: number = calibrationReport([[0.2, 0.8]], [1]).ece;
const data: EncodedDataset = loadDataset(new Uint8Array(), 'd.csv', { seed: 1 });
const error: Error = new DataFileError('d.csv', 'bad', { row: 2 });
// @ts-expect-error gamma is a number
gammaCrossEntropy(tf.tensor1d([1], 'int32'), tf.tensor2d([[0, 1]]), { gamma: 'high' });
// @ts-expect-error the report has no field "accuracyGap"
calibrationReport([[0.2, 0.8]], [1]).accuracyGap;
export { loss, ece, data, error };
`;

/** A project outside the repository with the package installed as node_modules/<name> (a link, as npm link makes). */
function consumerProject(compilerOptions: Record<string, unknown>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gamma-ce-consumer-'));
  fs.mkdirSync(path.join(dir, 'node_modules', '@tensorflow'), { recursive: true });
  fs.symlinkSync(REPO, path.join(dir, 'node_modules', PACKAGE.name), 'dir');
  fs.symlinkSync(
    path.join(REPO, 'node_modules', '@tensorflow', 'tfjs'),
    path.join(dir, 'node_modules', '@tensorflow', 'tfjs'),
    'dir',
  );
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'consumer', private: true }));
  fs.writeFileSync(path.join(dir, 'consumer.ts'), CONSUMER);
  const tsconfig = {
    compilerOptions: {
      strict: true,
      noEmit: true,
      target: 'ES2022',
      lib: ['ES2022', 'DOM'],
      types: [],
      skipLibCheck: true,
      ...compilerOptions,
    },
    files: ['consumer.ts'],
  };
  fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify(tsconfig));
  return dir;
}

function typeCheck(dir: string): { status: number | null; output: string } {
  const run = spawnSync(process.execPath, [TSC, '-p', dir, '--traceResolution'], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: run.status, output: run.stdout + run.stderr };
}

const resolvedTo = (output: string) =>
  output.match(new RegExp(`Module name '${PACKAGE.name}' was successfully resolved to '([^']+)'`))?.[1];

describe(`the library entry of the package (${PACKAGE.name} → dist/core.js, dist/types/)`, function () {
  this.timeout(120_000);
  const made: string[] = [];
  after(() => made.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

  before(() => {
    for (const file of ['dist/core.js', 'dist/types/index.d.ts']) {
      assert.ok(fs.existsSync(path.join(REPO, file)), `${file} exists: run \`npm run build\` first`);
    }
  });

  for (const [mode, options] of [
    ['node16', { module: 'node16', moduleResolution: 'node16' }],
    ['bundler', { module: 'esnext', moduleResolution: 'bundler' }],
  ] as const) {
    it(`type-checks a TypeScript caller with moduleResolution ${mode}, through the exports entry`, () => {
      const dir = consumerProject(options);
      made.push(dir);
      const { status, output } = typeCheck(dir);
      const errors = output.split('\n').filter((line) => /error TS\d+/.test(line));
      assert.deepStrictEqual(errors, [], 'no type errors');
      assert.strictEqual(status, 0);
      assert.strictEqual(resolvedTo(output), path.join(fs.realpathSync(REPO), 'dist', 'types', 'index.d.ts'));
      assert.match(output, new RegExp(`'exports'|"exports"`), 'resolved through package.json "exports"');
    });
  }

  it('fails the same check when a call is mistyped (the check sees real types)', () => {
    const dir = consumerProject({ module: 'node16', moduleResolution: 'node16' });
    made.push(dir);
    fs.appendFileSync(
      path.join(dir, 'consumer.ts'),
      `const wrong: string = calibrationReport([[0.2, 0.8]], [1]).ece;\nexport { wrong };\n`,
    );
    const { status, output } = typeCheck(dir);
    assert.strictEqual(status, 2);
    assert.match(output, /consumer\.ts\(\d+,\d+\): error TS2322: Type 'number' is not assignable to type 'string'/);
  });

  it('gives dist/core.js to require() by package name, with the functions the types declare', () => {
    const dir = consumerProject({});
    made.push(dir);
    const script = `const core = require('${PACKAGE.name}'); console.log(JSON.stringify({ file: require.resolve('${PACKAGE.name}'), kinds: [typeof core.gammaCrossEntropy, typeof core.calibrationReport, typeof core.loadDataset] }));`;
    const run = spawnSync(process.execPath, ['-e', script], { cwd: dir, encoding: 'utf8' });
    assert.strictEqual(run.status, 0, run.stderr);
    assert.deepStrictEqual(JSON.parse(run.stdout.trim().split('\n').pop()!), {
      file: path.join(fs.realpathSync(REPO), 'dist', 'core.js'),
      kinds: ['function', 'function', 'function'],
    });
  });
});
