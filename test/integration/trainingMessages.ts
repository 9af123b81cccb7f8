import * as vscode from 'vscode';
import { TEST_SEND_TO_TRAINING_PANEL } from '../../src/extension/extension';
import type { TrainingPanelInfo } from '../../src/extension/trainingPanel';

/** Hands a message to a training panel's host side as if its webview had sent it (a command registered only under tests). */
export async function sendToTrainingPanel(panel: Pick<TrainingPanelInfo, 'uri'>, message: unknown): Promise<void> {
  await vscode.commands.executeCommand(TEST_SEND_TO_TRAINING_PANEL, panel.uri, message);
}
