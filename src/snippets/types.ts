// The vocabulary shared by the templates, the snippet generator and the insert command.

export type FrameworkId = 'pytorch' | 'keras' | 'jax' | 'numpy' | 'tfjs';
export type Form = 'closed' | 'tailr' | 'sequence';
/** The language a body is written in: the TensorFlow.js template renders as TypeScript or JavaScript. */
export type CodeLanguage = 'python' | 'typescript' | 'javascript';

export const FRAMEWORK_IDS: readonly FrameworkId[] = ['pytorch', 'keras', 'jax', 'numpy', 'tfjs'];
export const FORMS: readonly Form[] = ['closed', 'tailr', 'sequence'];

/**
 * Framework integrations: a class or function for a training library, offered after the loss forms
 * of their framework (the Hugging Face Trainer and Lightning ones under PyTorch).
 */
export type IntegrationId = 'module' | 'trainer' | 'lightning' | 'keras3' | 'optax';
export const INTEGRATION_IDS: readonly IntegrationId[] = ['module', 'trainer', 'lightning', 'keras3', 'optax'];
/** What the insert command and the renderer take: a loss form or an integration. */
export type SnippetKind = Form | IntegrationId;

/**
 * γ and b as numbers: the insert command's concrete values. The integrations also take b = null
 * (written `None`): their γ-CE closed form; a number selects TaiLr with that floor.
 */
export interface LossValues {
  gamma: number;
  threshold: number | null;
}

/** The snippet placeholders' defaults (γ = 0.1, b = 0). */
export const DEFAULT_VALUES: LossValues & { threshold: number } = { gamma: 0.1, threshold: 0 };
/** The integrations' defaults: γ = 0.1 and the γ-CE closed form. */
export const INTEGRATION_DEFAULTS: LossValues = { gamma: 0.1, threshold: null };

/**
 * What a template receives: the text to write where γ and b go (placeholders or literals) and,
 * for the TensorFlow.js template, `ts(annotation)` which keeps a type annotation in TypeScript and
 * drops it in JavaScript.
 */
export interface TemplateSlots {
  gamma: string;
  threshold: string;
  ts(annotation: string): string;
}

export interface PythonImport {
  /** The statement to add, e.g. `import torch.nn.functional as F`. */
  statement: string;
  /** The name the body uses, e.g. `F`. */
  name: string;
  /** The module that name must be bound to, e.g. `torch.nn.functional`. */
  module: string;
}

export interface FrameworkTemplates {
  id: FrameworkId;
  label: string;
  /** Suffix of the snippet prefixes: gammace-<suffix>, tailr-<suffix>, tailr-seq-<suffix>. */
  prefixSuffix: string;
  languages: readonly CodeLanguage[];
  /** Spaces per indentation level in the template text (converted to tabs when rendered). */
  indentWidth: number;
  /** Python imports the bodies need; the TensorFlow.js bodies need `tf` from @tensorflow/tfjs. */
  pythonImports: readonly PythonImport[];
  /** The function each form defines. */
  functionNames: Record<Form, string>;
  forms: Record<Form, (slots: TemplateSlots) => string>;
}

export interface IntegrationTemplate {
  id: IntegrationId;
  /** The framework whose forms it is offered with. */
  framework: FrameworkId;
  label: string;
  detail: string;
  /** The snippet's name in python.json and its prefixes. */
  snippetName: string;
  prefixes: string[];
  pythonImports: readonly PythonImport[];
  /** The class or function the snippet defines for the user to call. */
  definedName: string;
  body(slots: TemplateSlots): string;
}
