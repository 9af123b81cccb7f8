// Which open text editor "Insert Loss Function" writes into when no text editor is active: the
// training panel's "Insert this loss in my code" button runs the command with the panel (a
// webview) active, so the editor the user worked in has to be found among the open ones.
import { languageMatches } from './frameworks';
import type { FrameworkId } from './types';

export interface EditorCandidate {
  /** The document's URI as a string: what identifies it. */
  key: string;
  languageId: string;
  /** Whether it is the text editor that was active last. */
  lastActive: boolean;
  /** Whether it is shown in an editor group right now (not behind another tab). */
  visible: boolean;
}

export type TargetChoice =
  | { kind: 'none' }
  | { kind: 'use'; key: string }
  /** Several could be meant: ask, in this order (the framework's language first, then the last active, the visible ones). */
  | { kind: 'ask'; keys: string[] };

/**
 * The last active text editor when it is in the framework's language; otherwise the only editor
 * in that language, or the only editor at all; otherwise ask.
 */
export function chooseTarget(framework: FrameworkId, candidates: readonly EditorCandidate[]): TargetChoice {
  if (candidates.length === 0) return { kind: 'none' };
  const matching = candidates.filter((c) => languageMatches(framework, c.languageId));
  const last = matching.find((c) => c.lastActive);
  if (last) return { kind: 'use', key: last.key };
  if (matching.length === 1) return { kind: 'use', key: matching[0].key };
  if (candidates.length === 1) return { kind: 'use', key: candidates[0].key };
  const rank = (c: EditorCandidate) => (matching.includes(c) ? 0 : 4) + (c.lastActive ? 0 : 2) + (c.visible ? 0 : 1);
  const ordered = candidates.map((c, i) => ({ c, i })).sort((a, b) => rank(a.c) - rank(b.c) || a.i - b.i);
  return { kind: 'ask', keys: ordered.map(({ c }) => c.key) };
}
