import * as vscode from 'vscode';
import { CALIBRATION_VIEW_TYPE } from '../protocol';
import { CalibrationPanelInfo, CalibrationPanels } from './calibrationPanel';
import { insertLossFunction } from './insertLossFunction';
import { pickDataFile } from './pickDataFile';

/** What activate() returns: read by the integration tests, harmless for anyone else. */
export interface GammaCeApi {
  calibrationPanels(): CalibrationPanelInfo[];
}

export function activate(context: vscode.ExtensionContext): GammaCeApi {
  const log = vscode.window.createOutputChannel('γ-CE Lab', { log: true });
  const panels = new CalibrationPanels(context.extensionUri, log);
  context.subscriptions.push(
    log,
    panels,
    vscode.window.registerWebviewPanelSerializer(CALIBRATION_VIEW_TYPE, panels),
    vscode.commands.registerCommand('gammaCe.showLog', () => log.show()),
    vscode.commands.registerCommand('gammaCe.insertLossFunction', (arg?: unknown) => insertLossFunction(arg, log)),
    vscode.commands.registerCommand('gammaCe.openCalibrationPanel', async (uri?: unknown) => {
      const target = uri instanceof vscode.Uri ? uri : await pickDataFile('Open a predictions file in the calibration panel');
      if (!target) return undefined;
      log.info(`Opening the calibration panel for ${target.toString()}`);
      panels.show(target);
      return target;
    }),
  );
  log.info(`γ-CE Lab ${context.extension.packageJSON.version} activated`);
  return { calibrationPanels: () => panels.list() };
}

export function deactivate(): void {}
