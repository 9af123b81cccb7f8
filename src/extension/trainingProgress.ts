import * as path from 'path';
import * as vscode from 'vscode';
import type { TrainEvent } from '../core/train/types';
import { progressNotification } from './progressNotification';
import type { ProgressPort } from './training/ports';

/** A training's status-bar item (click: show its panel) and cancellable progress notification. */
export class TrainingProgress implements ProgressPort {
  private readonly status = vscode.window.createStatusBarItem(vscode.StatusBarAlignment.Left, 10);
  private report?: (fraction: number, text: string) => void;
  private runIndex = 0;
  private runTotal = 1;
  private seedText = '';

  constructor(private readonly uri: vscode.Uri) {
    this.status.command = {
      title: 'Show the training panel',
      command: 'gammaCe.revealTrainingPanel',
      arguments: [uri],
    };
    this.status.text = '$(loading~spin) γ-CE: starting…';
    this.status.show();
  }

  /** The notification, shown until `outcome` settles; its Cancel calls `cancel`. */
  start(outcome: Promise<unknown>, cancel: () => void): void {
    this.report = progressNotification(`Training with γ-CE on ${path.basename(this.uri.path)}`, outcome, cancel);
  }

  onEvent(event: TrainEvent): void {
    if (event.type === 'runStart') {
      this.runIndex = event.index;
      this.runTotal = event.total;
      this.seedText =
        event.seed === undefined
          ? ''
          : ` (seed ${event.seed}${event.noise === undefined ? '' : `, noise ${event.noise}`})`;
    }
    if (event.type === 'epoch') {
      const text = `run ${this.runIndex + 1}/${this.runTotal}${this.seedText}, epoch ${event.record.epoch}/${event.epochs}`;
      this.status.text = `$(loading~spin) γ-CE: ${text}`;
      this.report?.((this.runIndex + event.record.epoch / event.epochs) / this.runTotal, `${event.run}: ${text}`);
    }
  }

  dispose(): void {
    this.status.dispose();
  }
}
