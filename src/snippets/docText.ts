// What every snippet's docstring says, written once: the formula, the limits and the reference.
import type { Form } from './types';

export type DocStyle = 'python' | 'jsdoc';

const REFERENCE = [
  'H. Ji, P. Ke, Z. Hu, R. Zhang, M. Huang, "Tailoring Language Generation Models under',
  'Total Variation Distance", ICLR 2023 (TaiLr), arXiv:2302.13344.',
];

// The editor flags γ (it looks like y) in strings and, in untrusted workspaces, in comments, so
// the inserted code spells it "gamma".
const PRECISION = [
  'Accurate to the precision of the logits (float32 too) for every gamma, tiny losses included:',
  'where p is near 1, log(gamma + (1 - gamma)·p) = log1p(-(1 - gamma)·(1 - p)) with 1 - p summed',
  'over the other classes; the log-space form elsewhere.',
];

function description(form: Form, ignoreIndex: string): string[] {
  switch (form) {
    case 'closed':
      return [
        'gamma-cross-entropy, mean over the batch:',
        '',
        '    L = -log(gamma + (1 - gamma)·p_y) / (1 - gamma),   p = softmax(logits)',
        '',
        'gamma = 0 is cross-entropy; gamma → 1 gives 1 - p_y (gamma = 1 is computed as exactly',
        "that). The gradient is cross-entropy's scaled per example by",
        'p_y / (gamma + (1 - gamma)·p_y), so examples the model finds unlikely (often mislabelled',
        'ones) pull less.',
        '',
        ...PRECISION,
      ];
    case 'tailr':
      return [
        "TaiLr, the paper's training objective, mean over the batch:",
        '',
        '    L = -w·log p_y,   w = stop_grad(max(b, p_y / (gamma + (1 - gamma)·p_y)))',
        '    p = softmax(logits)',
        '',
        'b is `threshold`, a floor on the weight. With b = 0 the gradient is the',
        "gamma-cross-entropy's: gamma = 0 is cross-entropy; gamma → 1 gives the gradient of 1 - p_y.",
        '',
        ...PRECISION,
      ];
    case 'sequence':
      return [
        'TaiLr for language models: the token-level objective, mean over the real tokens:',
        '',
        '    L = Σ_t m_t·(-w_t·log p_t) / Σ_t m_t,   p_t = softmax(logits[t])[labels[t]]',
        '    w_t = stop_grad(max(b, p_t / (gamma + (1 - gamma)·p_t)))',
        '',
        `m_t is 0 where the label is \`${ignoreIndex}\` (padding) and 1 elsewhere; labels[t] is the`,
        'target of logits[t] (shift them beforehand for next-token prediction). b is `threshold`;',
        "with b = 0 the gradient is the gamma-cross-entropy's: gamma = 0 is cross-entropy;",
        'gamma → 1 gives the gradient of 1 - p.',
        '',
        ...PRECISION,
      ];
  }
}

export interface DocParts {
  form: Form;
  /** [parameter, what it is] in signature order. */
  params: ReadonlyArray<readonly [string, string]>;
  /** One line, or several for a long description. */
  returns: string | readonly string[];
  /** Framework notes placed after the description. */
  notes?: readonly string[];
  /** The sequence form's padding parameter as the signature spells it. */
  ignoreIndexName?: string;
}

/** The docstring's lines, without indentation or comment markers. */
export function docLines(parts: DocParts, style: DocStyle): string[] {
  const lines = [...description(parts.form, parts.ignoreIndexName ?? 'ignore_index')];
  if (parts.notes?.length) lines.push('', ...parts.notes);
  lines.push('');
  if (style === 'python') {
    lines.push('Args:', ...parts.params.map(([name, text]) => `    ${name}: ${text}`), '');
    lines.push('Returns:', ...[parts.returns].flat().map((line) => `    ${line}`), '');
    lines.push(`Reference: ${REFERENCE[0]}`, ...REFERENCE.slice(1));
  } else {
    lines.push(...parts.params.map(([name, text]) => `@param ${name} ${text}`));
    const [first, ...more] = [parts.returns].flat();
    lines.push(`@returns ${first}`, ...more);
    lines.push(`@see ${REFERENCE[0]}`, ...REFERENCE.slice(1));
  }
  return lines;
}

/** A docstring indented one level (4 spaces) for the body of a Python function. */
export function pythonDocstring(parts: DocParts): string {
  const [first, ...rest] = docLines(parts, 'python');
  const body = rest.map((line) => (line ? `    ${line}` : ''));
  return [`    """${first}`, ...body, '    """'].join('\n');
}

/** A JSDoc block at column 0. */
export function jsDoc(parts: DocParts): string {
  return ['/**', ...docLines(parts, 'jsdoc').map((line) => (line ? ` * ${line}` : ' *')), ' */'].join('\n');
}
