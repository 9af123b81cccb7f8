import * as vscode from 'vscode';
import type { LmHistoryPoint } from '../core/lm/run';
import type { LmProgressPort } from './lm/ports';
import { progressNotification } from './progressNotification';

/** A language-model training's status-bar item (click: show its panel) and cancellable notification. */
export class LmProgress implements LmProgressPort {
  private readonly status = vscode.window.createStatusBarItem(vscode.StatusBarAlignment.Left, 10);
  private report?: (fraction: number, text: string) => void;
  private readonly stepOf = new Map<string, number>();

  constructor(
    private readonly steps: number,
    private readonly title: string,
    reveal: vscode.Command,
  ) {
    this.status.command = reveal;
    this.status.text = '$(loading~spin) γ-CE LM: starting…';
    this.status.show();
  }

  /** The notification, shown until `outcome` settles; its Cancel calls `cancel`. */
  start(outcome: Promise<unknown>, cancel: () => void): void {
    this.report = progressNotification(this.title, outcome, cancel);
  }

  onPoint(run: string, point: LmHistoryPoint): void {
    this.stepOf.set(run, point.step);
    const text = [...this.stepOf].map(([name, step]) => `${name} ${step}/${this.steps}`).join(', ');
    this.status.text = `$(loading~spin) γ-CE LM: ${text}`;
    // The slowest run sets the pace: both train at once, on their own workers.
    const done = Math.min(...this.stepOf.values()) / this.steps;
    this.report?.(this.stepOf.size > 1 ? done : done / 2, text);
  }

  dispose(): void {
    this.status.dispose();
  }
}
