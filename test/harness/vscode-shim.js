#!/usr/bin/env node
'use strict';
// Stands in for a VS Code executable: @vscode/test-electron's
//   runTests({ vscodeExecutablePath: <this file>, extensionDevelopmentPath, extensionTestsPath, launchArgs })
// runs the extension's test suite in code-server's real extension host, shown in headless Chromium.
// Exit code = the one the suite reports through window.codeAutomationExit.
// Env: VSCODE_SHIM_TIMEOUT (seconds, default 600), VSCODE_SHIM_KEEP=1 keeps the work dir.
const fs = require('fs');
const os = require('os');
const path = require('path');
const util = require('util');
const { startCodeServer, workbenchUrl } = require('./code-server');
const { launchBrowser, screenshot } = require('./browser');

// VS Code options that take a value ("--opt value" form); anything else starting with -- is a flag.
const VALUE_OPTS = new Set([
  'extensionDevelopmentPath',
  'extensionTestsPath',
  'user-data-dir',
  'extensions-dir',
  'locale',
  'log',
  'profile',
  'folder-uri',
  'file-uri',
  'remote',
  'sync',
  'inspect-extensions',
  'inspect-brk-extensions',
  'crash-reporter-directory',
  'logsPath',
]);

function parseArgs(argv) {
  const opts = { extensionDevelopmentPath: [], positional: [], flags: new Set(), values: {} };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) {
      opts.positional.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const name = a.slice(2, eq < 0 ? undefined : eq);
    let value;
    if (eq >= 0) value = a.slice(eq + 1);
    else if (VALUE_OPTS.has(name)) value = argv[++i];
    else {
      opts.flags.add(name);
      continue;
    }
    if (name === 'extensionDevelopmentPath') opts.extensionDevelopmentPath.push(value);
    else opts.values[name] = value;
  }
  return opts;
}

// VS Code >= 1.139 honours the test payload only with developmentOptions.enableSmokeTestDriver, and
// code-server rejects the server flag for it: patch the workbench configuration in the page instead.
function enableSmokeTestDriver() {
  const get = Element.prototype.getAttribute;
  Element.prototype.getAttribute = function (name) {
    const v = get.call(this, name);
    if (name === 'data-settings' && this.id === 'vscode-workbench-web-configuration' && v) {
      const c = JSON.parse(v);
      c.developmentOptions = { ...c.developmentOptions, enableSmokeTestDriver: true };
      return JSON.stringify(c);
    }
    return v;
  };
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const testsPath = args.values.extensionTestsPath;
  if (!testsPath || !args.extensionDevelopmentPath.length) {
    console.error('usage: vscode-shim.js --extensionDevelopmentPath=DIR --extensionTestsPath=FILE [workspace]');
    return 2;
  }
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vscode-shim-'));
  const timeoutSec = Number(process.env.VSCODE_SHIM_TIMEOUT || 600);
  let server;
  let context;
  let page;
  let finish;
  const result = new Promise((resolve) => {
    finish = resolve;
  });

  const cleanup = async (code) => {
    if (code !== 0 && page) await screenshot(page, path.join(workDir, 'failure.png')).catch(() => {});
    if (context) await context.close().catch(() => {});
    if (server) await server.stop();
    const keep = Boolean(process.env.VSCODE_SHIM_KEEP);
    if (!keep)
      fs.rmSync(code === 0 ? workDir : path.join(workDir, 'chromium-profile'), { recursive: true, force: true });
    if (code !== 0 || keep)
      console.error(`[vscode-shim] code-server.log, vscode-logs/ and failure.png kept in ${workDir}`);
  };
  for (const [sig, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ]) {
    process.on(sig, () => {
      console.error(`[vscode-shim] ${sig}`);
      finish(code);
    });
  }
  const timer = setTimeout(() => {
    console.error(`[vscode-shim] timed out after ${timeoutSec} s (VSCODE_SHIM_TIMEOUT)`);
    finish(1);
  }, timeoutSec * 1000);

  const run = async () => {
    server = await startCodeServer({
      workDir,
      userDataDir: args.values['user-data-dir'],
      extensionsDir: args.values['extensions-dir'],
    });
    // Our signal handlers tear everything down; playwright's own would exit before code-server stops.
    context = await launchBrowser(workDir, { handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false });
    page = context.pages()[0] || (await context.newPage());
    await page.exposeFunction('codeAutomationLog', (type, message) => {
      // Both the workbench's log and the extension host's console (the tests' output) arrive here,
      // as console.log-style argument arrays.
      const text = Array.isArray(message) ? util.format(...message) : String(message);
      (type === 'error' ? process.stderr : process.stdout).write(`${text}\n`);
    });
    await page.exposeFunction('codeAutomationExit', (code, logs) => {
      for (const { relativePath, contents } of logs || []) {
        const file = path.join(workDir, 'vscode-logs', relativePath);
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fs.writeFileSync(file, contents);
      }
      finish(Number(code) || 0);
    });
    await page.addInitScript(enableSmokeTestDriver);
    page.on('crash', () => {
      console.error('[vscode-shim] page crashed');
      finish(1);
    });
    context.on('close', () => finish(1));

    const url = workbenchUrl(server, {
      folder: args.positional[0],
      extensionDevelopmentPath: args.extensionDevelopmentPath,
      extensionTestsPath: testsPath,
      disableExtensions: args.flags.has('disable-extensions'),
    });
    await page.goto(url);
  };
  run().catch((e) => {
    console.error(`[vscode-shim] ${e.stack || e}`);
    finish(1);
  });

  const code = await result;
  clearTimeout(timer);
  await cleanup(code);
  return code;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
