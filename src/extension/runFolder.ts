import * as vscode from 'vscode';
import type { ExperimentReport } from '../core/train/experiment';
import { predictionsCsv } from '../core/train/predictionsCsv';
import { experimentReportJson } from '../core/train/reportJson';
import { slug } from '../core/train/slug';
import type { RunImage } from '../protocol';

/**
 * Writes a run folder: report.json (as `gamma-ce train --json`), one predictions CSV per run, the
 * diagrams as SVG and PNG, and report.md that embeds them. The folder must be new or empty:
 * nothing is ever overwritten.
 */
export async function writeRunFolder(folder: vscode.Uri, report: ExperimentReport, images: RunImage[]): Promise<vscode.Uri[]> {
  // stat first: readDirectory would reject for a missing folder too, but the extension host also logs an ENOENT stack trace for it.
  const found = await vscode.workspace.fs.stat(folder).then((s) => s, () => undefined);
  const existing = found && found.type & vscode.FileType.Directory ? await vscode.workspace.fs.readDirectory(folder) : undefined;
  if (existing && existing.length > 0) {
    throw new Error(`${vscode.workspace.asRelativePath(folder)} already exists and is not empty; nothing was written. Choose a new folder.`);
  }
  await vscode.workspace.fs.createDirectory(folder);
  const written: vscode.Uri[] = [];
  const write = async (name: string, content: string | Buffer) => {
    const uri = vscode.Uri.joinPath(folder, name);
    await vscode.workspace.fs.writeFile(uri, typeof content === 'string' ? Buffer.from(content, 'utf8') : content);
    written.push(uri);
  };
  await write('report.json', `${JSON.stringify(experimentReportJson(report), null, 2)}\n`);
  const lines = [
    `# γ-CE run: ${report.dataset.file}`,
    '',
    `Backend ${report.backend}; ${report.dataset.rows.train}/${report.dataset.rows.validation}/${report.dataset.rows.test} rows (train/validation/test); ` +
      `model ${report.config.model}${report.config.model === 'mlp' ? ` ${report.config.hidden.join('→')}` : ''}, ${report.config.epochs} epochs, ` +
      `batch ${report.config.batchSize}, learning rate ${report.config.learningRate}, seed ${report.config.seed}.`,
    '',
    '| run | accuracy | ECE | MCE | NLL | Brier |',
    '|---|---|---|---|---|---|',
  ];
  for (const [i, run] of report.runs.entries()) {
    const t = run.test;
    lines.push(t ? `| ${run.name} | ${t.accuracy.toFixed(4)} | ${t.ece.toFixed(4)} | ${t.mce.toFixed(4)} | ${t.nll.toFixed(4)} | ${t.brier.toFixed(4)} |` : `| ${run.name} | ${run.status}: ${run.message ?? ''} | | | | |`);
    if (run.predictions) await write(`predictions-${slug(run.name)}.csv`, predictionsCsv(report.dataset.classNames, run.predictions.probs, run.predictions.labels));
    const image = images.find((im) => im.run === i);
    if (image) {
      await write(`diagram-${slug(run.name)}.svg`, image.svg);
      await write(`diagram-${slug(run.name)}.png`, Buffer.from(image.png, 'base64'));
    }
  }
  lines.push('');
  for (const [i, run] of report.runs.entries()) {
    if (images.some((im) => im.run === i)) lines.push(`## ${run.name}`, '', `![${run.name}](diagram-${slug(run.name)}.png)`, '');
  }
  await write('report.md', `${lines.join('\n')}\n`);
  return written;
}
