import { jax } from './templates/jax';
import { keras } from './templates/keras';
import { numpy } from './templates/numpy';
import { pytorch } from './templates/pytorch';
import { tfjs } from './templates/tfjs';
import type { CodeLanguage, Form, FrameworkId, FrameworkTemplates } from './types';

export const FRAMEWORKS: Record<FrameworkId, FrameworkTemplates> = { pytorch, keras, jax, numpy, tfjs };

export const FORM_LABELS: Record<Form, { label: string; detail: string }> = {
  closed: { label: 'γ-cross-entropy (closed form)', detail: '-log(γ + (1 - γ)·p_y) / (1 - γ), mean over the batch' },
  tailr: { label: 'TaiLr', detail: "-stop_grad(max(b, p_y / (γ + (1 - γ)·p_y)))·log p_y: the paper's training objective" },
  sequence: {
    label: 'TaiLr for sequences (language models)',
    detail: 'logits [B, T, V], labels [B, T] with padding left out, mean over the real tokens',
  },
};

/** The language a framework's body is written in for a document of the given VS Code language id. */
export function codeLanguageFor(framework: FrameworkId, languageId: string | undefined): CodeLanguage {
  if (framework !== 'tfjs') return 'python';
  return languageId === 'javascript' || languageId === 'javascriptreact' ? 'javascript' : 'typescript';
}

/** Whether a document of this language id is written in the framework's language (imports make sense). */
export function languageMatches(framework: FrameworkId, languageId: string | undefined): boolean {
  if (languageId === undefined) return false;
  if (framework === 'tfjs') return ['typescript', 'typescriptreact', 'javascript', 'javascriptreact'].includes(languageId);
  return languageId === 'python';
}

/** Frameworks in quick-pick order: those written in the active editor's language first. */
export function frameworkOrder(languageId: string | undefined): FrameworkId[] {
  const python: FrameworkId[] = ['pytorch', 'keras', 'jax', 'numpy'];
  return languageMatches('tfjs', languageId) ? ['tfjs', ...python] : [...python, 'tfjs'];
}
