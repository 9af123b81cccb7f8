import type { LmReport } from './experiment';
import type { RepetitionStats } from './repetition';

function repetitionLine(label: string, r: RepetitionStats | null): string {
  if (!r) return `  ${label.padEnd(10)} —`;
  const f = (x: number) => x.toFixed(3);
  return `  ${label.padEnd(10)} rep-2 ${f(r.rep[2])}  rep-3 ${f(r.rep[3])}  rep-4 ${f(r.rep[4])}  distinct-2 ${f(r.distinct[2])}  distinct-3 ${f(r.distinct[3])}  distinct-4 ${f(r.distinct[4])}`;
}

/** The plain-text summary of an experiment (the CLI's output without --json). */
export function formatLmReport(report: LmReport): string {
  const c = report.config;
  const lines = [
    `${report.files.join(', ')}: ${report.trainChars} training / ${report.heldOutChars} held-out characters (last ${report.heldOutFraction * 100} % of each file), vocabulary ${report.vocabulary}`,
    `Transformer: ${c.layers} layers × ${c.dim} wide, ${c.heads} heads, context ${c.context}; ${c.steps} steps of ${c.batch}, lr ${c.learningRate}, seed ${c.seed}`,
    '',
    'run      loss      bits/char  perplexity  accuracy  ECE     ms/step',
  ];
  for (const r of report.runs) {
    const t = r.test;
    const desc = r.loss === 'ce' ? 'ce' : `${r.loss} γ=${r.gamma}${r.threshold !== null ? ` b=${r.threshold}` : ''}`;
    lines.push(
      t
        ? `${r.name.padEnd(8)} ${desc.padEnd(9).slice(0, 20)} ${t.bitsPerChar.toFixed(3).padStart(9)}  ${t.perplexity.toFixed(2).padStart(10)}  ${t.accuracy.toFixed(3).padStart(8)}  ${t.ece.toFixed(4)}  ${r.stepMs.toFixed(0).padStart(7)}`
        : `${r.name.padEnd(8)} ${desc} ${r.status}${r.message ? `: ${r.message}` : ''}`,
    );
  }
  const u = report.reference.unigramBitsPerChar;
  lines.push(
    `unigram entropy of the text: ${u.toFixed(3)} bits/char`,
    '',
    "Repetition (words; held-out text in pieces of the samples' length as the reference):",
  );
  for (const r of report.runs) lines.push(repetitionLine(r.name, r.repetition));
  lines.push(repetitionLine('held-out', report.reference.repetition), '');
  for (const r of report.runs)
    r.samples.forEach((s, i) =>
      lines.push(`${r.name} sample ${i + 1} (prompt ${JSON.stringify(r.prompts[i])}):`, `  ${JSON.stringify(s)}`),
    );
  return `${lines.join('\n')}\n`;
}
