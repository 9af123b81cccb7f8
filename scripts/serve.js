// Serves the packaged extension in a private code-server with a sample workspace until Ctrl+C.
'use strict';
const fs = require('fs');
const net = require('net');
const path = require('path');
const { startCodeServer, installExtension, workbenchUrl } = require('../test/harness/code-server.js');

const ROOT = path.resolve(__dirname, '..');
const HOME = path.join(ROOT, '.vscode-test', 'start');
const WORKSPACE = path.join(HOME, 'workspace');
const DEFAULT_PORT = 8080;
const TRIED_PORTS = 20;

/** Resolves true when nothing listens on 127.0.0.1:port (we could bind it), false when it is taken. */
function portIsFree(port) {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', (error) =>
      error.code === 'EADDRINUSE' || error.code === 'EACCES' ? resolve(false) : reject(error),
    );
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

/**
 * PORT if set (and free: otherwise the reason, and no start), else 8080 or the next free port
 * after it. An address in use would make code-server exit while whatever holds the port answered.
 */
async function choosePort(env = process.env, first = DEFAULT_PORT, say = console.log) {
  const asked = env.PORT;
  if (asked !== undefined && asked !== '') {
    const port = Number(asked);
    if (!Number.isInteger(port) || port < 1 || port > 65535)
      throw new Error(`PORT=${asked} is not a port number (1–65535)`);
    if (!(await portIsFree(port)))
      throw new Error(
        `port ${port} (from PORT) is already in use on 127.0.0.1: stop what listens there, or set PORT to another port`,
      );
    return port;
  }
  for (let port = first; port < first + TRIED_PORTS; port++) {
    if (await portIsFree(port)) {
      if (port !== first) say(`Port ${first} is in use; using port ${port} instead.`);
      return port;
    }
  }
  throw new Error(`ports ${first}–${first + TRIED_PORTS - 1} are all in use on 127.0.0.1: set PORT to a free port`);
}

/** The sample workspace's settings (the walkthrough's 30 % label noise): written only where absent. */
const SETTINGS = path.join('.vscode', 'settings.json');

/**
 * The workspace is kept between starts (the user's files, exported runs); only the bundled
 * samples in it are written afresh, so an edited sample comes back as shipped. The workspace
 * settings are the user's once written: they are never overwritten.
 */
function refreshWorkspace(workspace = WORKSPACE) {
  const existed = fs.existsSync(workspace);
  const samples = path.join(ROOT, 'samples');
  fs.mkdirSync(workspace, { recursive: true });
  fs.cpSync(samples, workspace, {
    recursive: true,
    force: true,
    filter: (source) => path.relative(samples, source) !== SETTINGS,
  });
  const settings = path.join(workspace, SETTINGS);
  if (!fs.existsSync(settings)) fs.cpSync(path.join(samples, SETTINGS), settings);
  return existed;
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function main() {
  const port = await choosePort();
  const kept = refreshWorkspace();
  const options = { workDir: HOME, settings: { 'git.openRepositoryInParentFolders': 'never' } };
  await installExtension(path.join(ROOT, 'dist', 'gamma-ce-lab.vsix'), options);
  const server = await startCodeServer({ ...options, port });
  // Only our own live server gets a URL printed: /healthz could have been answered by another one.
  await new Promise((resolve) => setTimeout(resolve, 500));
  const log = fs.readFileSync(server.logFile, 'utf8');
  if (!isAlive(server.pid) || /EADDRINUSE/.test(log)) {
    await server.stop();
    throw new Error(`code-server did not stay up on port ${port} (see ${server.logFile})`);
  }
  const url = workbenchUrl(server, { folder: WORKSPACE });
  console.log(`\nγ-CE Lab is running in VS Code (code-server) at:\n\n    ${url}\n`);
  console.log(
    'Open it in a browser, then run "γ-CE: Train with γ-CE" or "γ-CE: Open Calibration Panel" from the command palette (F1).',
  );
  console.log(
    `Workspace: ${WORKSPACE} (${kept ? 'kept from the last start, samples refreshed' : 'new, with the samples'}; your files in it are kept between starts).`,
  );
  console.log(`Logs: ${server.logFile}. Press Ctrl+C to stop.`);
  const stop = () => server.stop().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  setInterval(() => {
    if (!isAlive(server.pid)) {
      console.error(`code-server has exited (see ${server.logFile}); the URL above no longer works.`);
      process.exit(1);
    }
  }, 2000);
}

if (require.main === module) {
  main().catch((error) => {
    console.error(`npm start failed: ${error.message}`);
    process.exit(1);
  });
}

module.exports = { choosePort, portIsFree, refreshWorkspace };
