import * as vscode from 'vscode';

/** Set once a training in this window has finished (the walkthrough's first step completes on it). */
export const HAS_TRAINED_CONTEXT = 'gammaCe.hasTrained';
/** package.json's publisher.name, walkthrough id and step id. */
const TRAIN_STEP = 'gamma-ce-lab.gamma-ce-lab#gammaCe.gettingStarted#train';

/**
 * Marks "Train on a sample" done. The context key covers a walkthrough service that is already
 * running; VS Code creates that service only when a walkthrough is first shown, and then takes a
 * context key that is already true for "seen" without completing the step. So the step is also
 * marked through the workbench's own command, which records it even before the walkthrough is
 * registered (and then reports an unknown step, which is expected).
 */
export async function markTrainingStepDone(log: vscode.LogOutputChannel): Promise<void> {
  await vscode.commands.executeCommand('setContext', HAS_TRAINED_CONTEXT, true);
  try {
    await vscode.commands.executeCommand('welcome.markStepComplete', TRAIN_STEP);
  } catch (error) {
    log.debug(`walkthrough: ${error instanceof Error ? error.message : String(error)}`);
  }
}
