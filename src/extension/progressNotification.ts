import * as vscode from 'vscode';

/**
 * A cancellable progress notification shown until `outcome` settles; its Cancel calls `cancel`.
 * Returns how to report the fraction done (0–1, never going back) and a message.
 */
export function progressNotification(
  title: string,
  outcome: Promise<unknown>,
  cancel: () => void,
): (fraction: number, message: string) => void {
  let report: ((fraction: number, message: string) => void) | undefined;
  void vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title, cancellable: true },
    (progress, token) => {
      let reported = 0;
      report = (fraction, message) => {
        progress.report({ increment: Math.max(0, (fraction - reported) * 100), message });
        reported = Math.max(reported, fraction);
      };
      token.onCancellationRequested(cancel);
      return outcome;
    },
  );
  return (fraction, message) => report?.(fraction, message);
}
