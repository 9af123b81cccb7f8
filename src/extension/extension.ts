import * as vscode from 'vscode';

export function activate(context: vscode.ExtensionContext): void {
  const log = vscode.window.createOutputChannel('γ-CE Lab', { log: true });
  context.subscriptions.push(
    log,
    vscode.commands.registerCommand('gammaCe.showLog', () => log.show()),
  );
  log.info(`γ-CE Lab ${context.extension.packageJSON.version} activated`);
}

export function deactivate(): void {}
