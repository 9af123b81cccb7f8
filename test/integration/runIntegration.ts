// Starts the integration suite in a real VS Code through the standard runTests call. Here the
// "VS Code executable" is test/harness/vscode-shim.js (code-server + Chromium); on a desktop with
// VS Code installed, drop vscodeExecutablePath and the same suite runs in Electron.
import { runTests } from '@vscode/test-electron';
import * as fs from 'fs';
import * as path from 'path';

const REPO = path.resolve(__dirname, '..', '..', '..');

async function main(): Promise<void> {
  const workspace = path.join(REPO, 'test-output', 'integration-workspace');
  fs.rmSync(workspace, { recursive: true, force: true });
  fs.mkdirSync(workspace, { recursive: true });
  fs.cpSync(path.join(REPO, 'test', 'fixtures', 'predictions'), path.join(workspace, 'predictions'), {
    recursive: true,
  });
  fs.cpSync(path.join(REPO, 'test', 'fixtures', 'datasets'), path.join(workspace, 'datasets'), { recursive: true });
  fs.cpSync(path.join(REPO, 'test', 'fixtures', 'formats'), path.join(workspace, 'formats'), { recursive: true });
  // Data files the dataset picker must not list: under node_modules, and under a files.exclude glob.
  for (const hidden of ['node_modules/pkg/inside.csv', 'generated/excluded.csv']) {
    fs.mkdirSync(path.dirname(path.join(workspace, hidden)), { recursive: true });
    fs.writeFileSync(path.join(workspace, hidden), 'a,label\n1,x\n2,y\n');
  }
  fs.mkdirSync(path.join(workspace, '.vscode'));
  fs.writeFileSync(
    path.join(workspace, '.vscode', 'settings.json'),
    JSON.stringify({ 'files.exclude': { '**/generated': true } }),
  );
  const useDesktop = process.env.GAMMA_CE_DESKTOP_VSCODE === '1';
  await runTests({
    ...(useDesktop ? {} : { vscodeExecutablePath: path.join(REPO, 'test', 'harness', 'vscode-shim.js') }),
    extensionDevelopmentPath: REPO,
    extensionTestsPath: path.join(__dirname, 'index.js'),
    launchArgs: [workspace, '--disable-extensions'],
  });
}

main().catch((error) => {
  console.error(`Integration tests failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
