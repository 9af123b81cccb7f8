// "γ-CE: Insert Loss Function": framework, form, γ and b from quick picks and input boxes (or from
// the command's argument), then the code from the snippet templates at the cursor, imports on top.
// Run from the training panel, whose webview is then the active editor, it writes into the text
// editor used last (or asks which one).
import * as path from 'path';
import * as vscode from 'vscode';
import { FRAMEWORKS, frameworkOrder, languageMatches } from '../snippets/frameworks';
import { planInsertion } from '../snippets/insertion';
import { INTEGRATIONS, isIntegration, kindLabel, kindsFor } from '../snippets/integrations';
import type { Parsed, UnitIntervalField } from '../snippets/insertOptions';
import { chooseTarget, EditorCandidate } from '../snippets/targetChoice';
import {
  GAMMA_FIELD,
  parseInsertOptions,
  parseOptionalThreshold,
  parseUnitInterval,
  THRESHOLD_FIELD,
} from '../snippets/insertOptions';
import type { FrameworkId, SnippetKind } from '../snippets/types';
import { DEFAULT_VALUES } from '../snippets/types';

const TITLE = 'γ-CE: Insert Loss Function';
const OPEN_UNTITLED = 'Open Untitled File';
const INSERT_HERE = 'Insert Here';

export interface InsertedLoss {
  uri: string;
  framework: FrameworkId;
  form: SnippetKind;
  gamma: number;
  /** null: an integration's None (its γ-CE closed form). */
  threshold: number | null;
  addedImports: string[];
}

/** The text editor the user worked in last: still known while a webview panel is the active editor. */
export class RecentTextEditor implements vscode.Disposable {
  private last: { key: string; languageId: string; selection: vscode.Selection } | undefined;
  private readonly subscriptions: vscode.Disposable[];

  constructor() {
    this.remember(vscode.window.activeTextEditor);
    this.subscriptions = [
      // Undefined when a webview or another non-text editor becomes active: the last one stays.
      vscode.window.onDidChangeActiveTextEditor((editor) => this.remember(editor)),
      vscode.window.onDidChangeTextEditorSelection((e) => {
        if (e.textEditor === vscode.window.activeTextEditor) this.remember(e.textEditor);
      }),
    ];
  }

  /** The document's URI string, if any. */
  get key(): string | undefined {
    return this.last?.key;
  }

  get languageId(): string | undefined {
    return this.last?.languageId;
  }

  selectionOf(key: string): vscode.Selection | undefined {
    return this.last?.key === key ? this.last.selection : undefined;
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
  }

  private remember(editor: vscode.TextEditor | undefined): void {
    // The Output panel's view is a text editor too, but not one to write code into.
    if (!editor || editor.document.uri.scheme === 'output') return;
    this.last = {
      key: editor.document.uri.toString(),
      languageId: editor.document.languageId,
      selection: editor.selection,
    };
  }
}

export async function insertLossFunction(
  arg: unknown,
  log: vscode.LogOutputChannel,
  recent: RecentTextEditor,
): Promise<InsertedLoss | undefined> {
  const parsed = parseInsertOptions(arg);
  if (parsed.error !== undefined) {
    void vscode.window.showErrorMessage(`${TITLE}: ${parsed.error}`);
    return undefined;
  }
  const options = parsed.value;
  const languageId = vscode.window.activeTextEditor?.document.languageId ?? recent.languageId;
  const framework = options.framework ?? (await pickFramework(languageId));
  if (!framework) return undefined;
  const form = options.form ?? (await pickForm(framework));
  if (!form) return undefined;
  const gamma =
    options.gamma ??
    (await askUnitInterval(
      GAMMA_FIELD,
      `${TITLE}: γ`,
      DEFAULT_VALUES.gamma,
      'γ ∈ [0, 1]: 0 is cross-entropy, 1 gives 1 − p_y. The paper used 1e-7 (language modelling), 0.1 (translation), 0.8 (summarisation).',
    ));
  if (gamma === undefined) return undefined;
  // options.threshold null is an integration's None, given: only undefined asks.
  const threshold =
    form === 'closed'
      ? DEFAULT_VALUES.threshold
      : options.threshold !== undefined
        ? options.threshold
        : await askThreshold(form);
  if (threshold === undefined) return undefined;

  const editor = await targetEditor(framework, recent);
  if (!editor) return undefined;
  const { document } = editor;
  const plan = planInsertion({
    text: document.getText(),
    languageId: document.languageId,
    cursor: editor.selection.active,
    framework,
    form,
    values: { gamma, threshold },
    insertSpaces: editor.options.insertSpaces !== false,
    tabSize: typeof editor.options.tabSize === 'number' ? editor.options.tabSize : 4,
  });
  const applied = await editor.edit((edit) => {
    for (const { position, text } of plan.inserts)
      edit.insert(new vscode.Position(position.line, position.character), text);
  });
  if (!applied) {
    void vscode.window.showErrorMessage(`${TITLE}: the editor did not accept the edit (is it read-only?).`);
    return undefined;
  }
  if (plan.conflicts.length) {
    void vscode.window.showWarningMessage(
      `The ${FRAMEWORKS[framework].label} loss uses ${plan.conflicts.join(', ')}, which this file binds to another module: check its imports.`,
    );
  }
  log.info(
    `Inserted the ${FRAMEWORKS[framework].label} ${form} ${isIntegration(form) ? 'integration' : 'loss'} (γ = ${gamma}, b = ${threshold ?? 'None'}) into ${document.uri.toString()}` +
      (plan.addedImports.length ? ` with ${plan.addedImports.join('; ')}` : ''),
  );
  return { uri: document.uri.toString(), framework, form, gamma, threshold, addedImports: plan.addedImports };
}

interface Item<T> extends vscode.QuickPickItem {
  value: T;
}

async function pickFramework(languageId: string | undefined): Promise<FrameworkId | undefined> {
  // The first item is the active one: the framework for the editor's language comes first.
  const items = frameworkOrder(languageId).map((id): Item<FrameworkId> => ({
    label: FRAMEWORKS[id].label,
    description: id === 'tfjs' ? 'TypeScript / JavaScript' : 'Python',
    detail: integrationsLine(id),
    value: id,
  }));
  const picked = await vscode.window.showQuickPick(items, {
    title: `${TITLE}: framework`,
    placeHolder: 'The framework of your training code',
  });
  return picked?.value;
}

/** The framework item's second line: the integrations its form pick offers too. */
function integrationsLine(framework: FrameworkId): string | undefined {
  const labels = kindsFor(framework)
    .filter(isIntegration)
    .map((id) => INTEGRATIONS[id].label);
  return labels.length ? `also ${labels.join(', ')}` : undefined;
}

async function pickForm(framework: FrameworkId): Promise<SnippetKind | undefined> {
  const items = kindsFor(framework).map((form): Item<SnippetKind> => ({
    label: kindLabel(form).label,
    detail: kindLabel(form).detail,
    value: form,
  }));
  const picked = await vscode.window.showQuickPick(items, {
    title: `${TITLE}: form`,
    placeHolder: `Which loss, for ${FRAMEWORKS[framework].label}`,
  });
  return picked?.value;
}

/** b: a number for the TaiLr forms; for an integration empty means None (its γ-CE closed form). */
async function askThreshold(form: SnippetKind): Promise<number | null | undefined> {
  if (isIntegration(form)) {
    return ask(
      `${TITLE}: b`,
      '',
      'Leave empty for γ-CE (threshold=None), or b ∈ [0, 1] for TaiLr with that floor of the weight (the paper used 0.2 or 0.3).',
      parseOptionalThreshold,
    );
  }
  return askUnitInterval(
    THRESHOLD_FIELD,
    `${TITLE}: b`,
    DEFAULT_VALUES.threshold,
    'b ∈ [0, 1], the floor of the TaiLr weight (0: no floor). The paper used 0.2 or 0.3.',
  );
}

async function askUnitInterval(
  field: UnitIntervalField,
  title: string,
  initial: number,
  prompt: string,
): Promise<number | undefined> {
  return ask(title, String(initial), prompt, (text) => parseUnitInterval(text, field));
}

async function ask<T>(
  title: string,
  value: string,
  prompt: string,
  parse: (text: string) => Parsed<T>,
): Promise<T | undefined> {
  const text = await vscode.window.showInputBox({
    title,
    prompt,
    value,
    ignoreFocusOut: true,
    validateInput: (input) => parse(input).error,
  });
  return text === undefined ? undefined : parse(text).value;
}

/**
 * The active text editor, else the one used last or another open one (the training panel's button
 * runs this with the panel active), or a new untitled one when there is none or it holds another
 * language and the user prefers that.
 */
async function targetEditor(framework: FrameworkId, recent: RecentTextEditor): Promise<vscode.TextEditor | undefined> {
  const language = framework === 'tfjs' ? 'typescript' : 'python';
  const languageName = framework === 'tfjs' ? 'TypeScript' : 'Python';
  const label = FRAMEWORKS[framework].label;
  const active = vscode.window.activeTextEditor;
  const editor = active ?? (await openEditorFor(framework, recent, language, languageName));
  if (editor === 'cancelled') return undefined;
  if (!editor) {
    const choice = await vscode.window.showInformationMessage(
      `No editor is open. Open a new untitled ${languageName} file with the ${label} loss?`,
      OPEN_UNTITLED,
    );
    return choice === OPEN_UNTITLED ? openUntitled(language) : undefined;
  }
  if (languageMatches(framework, editor.document.languageId)) return editor;
  const which = active ? 'The active editor' : `The editor of ${path.basename(editor.document.uri.path)}`;
  const choice = await vscode.window.showWarningMessage(
    `${which} is not ${languageName}. Insert the ${label} code there anyway (without imports), or open a new untitled ${languageName} file?`,
    INSERT_HERE,
    OPEN_UNTITLED,
  );
  if (choice === INSERT_HERE) return editor;
  return choice === OPEN_UNTITLED ? openUntitled(language) : undefined;
}

interface OpenText {
  uri: vscode.Uri;
  viewColumn: vscode.ViewColumn;
  candidate: EditorCandidate;
}

/** Every document open in a text tab, once, with the group it is in. */
async function openTexts(recent: RecentTextEditor): Promise<OpenText[]> {
  const byKey = new Map<string, OpenText>();
  for (const group of vscode.window.tabGroups.all) {
    for (const tab of group.tabs) {
      if (!(tab.input instanceof vscode.TabInputText)) continue;
      const key = tab.input.uri.toString();
      const visible = group.activeTab === tab;
      const known = byKey.get(key);
      if (known) {
        known.candidate.visible ||= visible;
        continue;
      }
      const document =
        vscode.workspace.textDocuments.find((d) => d.uri.toString() === key) ??
        (await Promise.resolve(vscode.workspace.openTextDocument(tab.input.uri)).catch(() => undefined));
      if (!document) continue;
      byKey.set(key, {
        uri: tab.input.uri,
        viewColumn: group.viewColumn,
        candidate: { key, languageId: document.languageId, lastActive: key === recent.key, visible },
      });
    }
  }
  return [...byKey.values()];
}

/** With no text editor active: the editor chosen among the open ones, shown with its cursor back. */
async function openEditorFor(
  framework: FrameworkId,
  recent: RecentTextEditor,
  language: string,
  languageName: string,
): Promise<vscode.TextEditor | 'cancelled' | undefined> {
  const texts = await openTexts(recent);
  const choice = chooseTarget(
    framework,
    texts.map((t) => t.candidate),
  );
  if (choice.kind === 'none') return undefined;
  let key = choice.kind === 'use' ? choice.key : undefined;
  if (choice.kind === 'ask') {
    const items = choice.keys.map((k): Item<string> => {
      const text = texts.find((t) => t.candidate.key === k)!;
      return {
        label: path.basename(text.uri.path),
        description: vscode.workspace.asRelativePath(text.uri),
        detail: text.candidate.lastActive ? 'the editor used last' : undefined,
        value: k,
      };
    });
    const untitled: Item<string> = { label: `New untitled ${languageName} file`, value: '' };
    const picked = await vscode.window.showQuickPick([...items, untitled], {
      title: `${TITLE}: editor`,
      placeHolder: 'Insert the loss into',
    });
    if (!picked) return 'cancelled';
    if (picked === untitled) return openUntitled(language);
    key = picked.value;
  }
  const text = texts.find((t) => t.candidate.key === key)!;
  const document = await vscode.workspace.openTextDocument(text.uri);
  return vscode.window.showTextDocument(document, {
    viewColumn: text.viewColumn,
    preview: false,
    selection: recent.selectionOf(text.candidate.key),
  });
}

async function openUntitled(language: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument({ language, content: '' });
  return vscode.window.showTextDocument(document);
}
