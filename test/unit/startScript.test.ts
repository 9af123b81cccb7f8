import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';

const REPO = path.resolve(__dirname, '..', '..', '..');
const SERVE = path.join(REPO, 'scripts', 'serve.js');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const serve = require(SERVE) as {
  choosePort(env: Record<string, string | undefined>, first?: number, say?: (line: string) => void): Promise<number>;
  refreshWorkspace(workspace: string): boolean;
};

/** Listens on a free 127.0.0.1 port until closed. */
async function occupy(): Promise<{ port: number; close(): Promise<void> }> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return { port, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

describe('npm start (scripts/serve.js)', () => {
  it('with the default port taken, takes the next free one', async () => {
    const held = await occupy();
    try {
      const said: string[] = [];
      const port = await serve.choosePort({}, held.port, (line) => said.push(line));
      assert.ok(port > held.port && port < held.port + 20, String(port));
      assert.deepStrictEqual(said, [`Port ${held.port} is in use; using port ${port} instead.`]);
    } finally {
      await held.close();
    }
  });

  it('with PORT taken, stops before starting anything and says why (no URL printed)', async () => {
    const held = await occupy();
    try {
      await assert.rejects(
        serve.choosePort({ PORT: String(held.port) }),
        new RegExp(`port ${held.port} \\(from PORT\\) is already in use on 127\\.0\\.0\\.1`),
      );
      const run = spawnSync(process.execPath, [SERVE], {
        env: { ...process.env, PORT: String(held.port) },
        encoding: 'utf8',
        timeout: 30_000,
      });
      assert.strictEqual(run.status, 1);
      assert.match(run.stderr, /^npm start failed: port \d+ \(from PORT\) is already in use/);
      assert.doesNotMatch(run.stdout, /running|http:/);
    } finally {
      await held.close();
    }
    await assert.rejects(serve.choosePort({ PORT: 'eighty' }), /PORT=eighty is not a port number/);
  });

  it("keeps the user's files in the workspace and refreshes only the bundled samples", () => {
    const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'gce-start-'));
    try {
      assert.strictEqual(serve.refreshWorkspace(workspace), true);
      const sample = path.join(workspace, 'predictions', 'calibrated-digits.csv');
      const shipped = fs.readFileSync(path.join(REPO, 'samples', 'predictions', 'calibrated-digits.csv'), 'utf8');
      assert.strictEqual(fs.readFileSync(sample, 'utf8'), shipped);
      fs.writeFileSync(sample, 'edited\n');
      fs.mkdirSync(path.join(workspace, 'gamma-ce-runs', 'iris-1'), { recursive: true });
      fs.writeFileSync(path.join(workspace, 'gamma-ce-runs', 'iris-1', 'report.json'), '{}');
      fs.writeFileSync(path.join(workspace, 'mine.csv'), 'a,label\n');
      serve.refreshWorkspace(workspace);
      assert.strictEqual(fs.readFileSync(sample, 'utf8'), shipped);
      assert.strictEqual(fs.readFileSync(path.join(workspace, 'gamma-ce-runs', 'iris-1', 'report.json'), 'utf8'), '{}');
      assert.strictEqual(fs.readFileSync(path.join(workspace, 'mine.csv'), 'utf8'), 'a,label\n');
    } finally {
      fs.rmSync(workspace, { recursive: true, force: true });
    }
  });

  const WALKTHROUGH_SETTINGS = { 'gammaCe.training.labelNoise': 0.3, 'gammaCe.training.seeds': 5 };

  it("sets up the walkthrough's 30 % label noise and 5 seeds in the workspace settings, and keeps the user's edits", () => {
    const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'gce-start-'));
    const settings = path.join(workspace, '.vscode', 'settings.json');
    try {
      serve.refreshWorkspace(workspace);
      assert.deepStrictEqual(JSON.parse(fs.readFileSync(settings, 'utf8')), WALKTHROUGH_SETTINGS);
      fs.writeFileSync(settings, '{ "gammaCe.training.labelNoise": 0 }\n');
      serve.refreshWorkspace(workspace);
      assert.strictEqual(fs.readFileSync(settings, 'utf8'), '{ "gammaCe.training.labelNoise": 0 }\n');
      fs.rmSync(settings);
      serve.refreshWorkspace(workspace);
      assert.deepStrictEqual(JSON.parse(fs.readFileSync(settings, 'utf8')), WALKTHROUGH_SETTINGS);
    } finally {
      fs.rmSync(workspace, { recursive: true, force: true });
    }
  });
});
