// Serves the packaged extension in a private code-server with a sample workspace until Ctrl+C.
'use strict';
const fs = require('fs');
const path = require('path');
const { startCodeServer, installExtension, workbenchUrl } = require('../test/harness/code-server.js');

const ROOT = path.resolve(__dirname, '..');
const HOME = path.join(ROOT, '.vscode-test', 'start');
const WORKSPACE = path.join(HOME, 'workspace');

async function main() {
  const port = Number(process.env.PORT || 8080);
  // A fresh copy of the samples each time, so nothing the session changed lingers.
  fs.rmSync(WORKSPACE, { recursive: true, force: true });
  fs.mkdirSync(WORKSPACE, { recursive: true });
  fs.cpSync(path.join(ROOT, 'samples'), WORKSPACE, { recursive: true });
  const options = { workDir: HOME, settings: { 'git.openRepositoryInParentFolders': 'never' } };
  await installExtension(path.join(ROOT, 'dist', 'gamma-ce-lab.vsix'), options);
  const server = await startCodeServer({ ...options, port });
  const url = workbenchUrl(server, { folder: WORKSPACE });
  console.log(`\nγ-CE Lab is running in VS Code (code-server) at:\n\n    ${url}\n`);
  console.log('Open it in a browser, then run "γ-CE: Open Calibration Panel" from the command palette (F1).');
  console.log(`Logs: ${server.logFile}. Press Ctrl+C to stop.`);
  const stop = () => server.stop().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  setInterval(() => {}, 1 << 30);
}

main().catch((error) => {
  console.error(`npm start failed: ${error.message}`);
  process.exit(1);
});
