import type { RunView } from '../../extension/training/protocol';
import { escape } from '../shared/charts';
import { styleKey, type RunStyle } from '../shared/runKey';

export const RUN_COLOURS = 8;
// Past 8 groups the colours repeat, so the pattern tells them apart: solid, dotted, long dashes.
const GROUP_PATTERNS = ['', '1.5 2.5', '9 3'];
// A temperature-scaled run is its base run recalibrated: the base's colour, dashed (dash-dot past 8 groups).
const TS_PATTERNS = ['5 3', '5 2 1.5 2', '9 2 1.5 2 1.5 2'];

type Styled = Pick<RunView, 'name' | 'baseRun'>;

/** A temperature-scaled run re-calibrates another run's model (its baseRun) instead of training one. */
export function isTemperatureRun(run: Pick<RunView, 'baseRun'>): boolean {
  return run.baseRun !== undefined;
}

/**
 * The style of each run, in order. A run and its temperature-scaled run share a group (and a colour); groups take
 * the colours in turn, and a pattern as well once the 8 colours are used up, so no two runs of
 * up to 24 groups are drawn alike.
 */
export function runStyles(runs: readonly Styled[]): RunStyle[] {
  const groups = new Map<string, number>();
  return runs.map((run) => {
    const base = run.baseRun === undefined ? run.name : (runs[run.baseRun]?.name ?? run.name);
    if (!groups.has(base)) groups.set(base, groups.size);
    const group = groups.get(base)!;
    const round = Math.floor(group / RUN_COLOURS) % GROUP_PATTERNS.length;
    return { colour: group % RUN_COLOURS, dash: (isTemperatureRun(run) ? TS_PATTERNS : GROUP_PATTERNS)[round] };
  });
}

export function legendHtml(runs: RunView[]): string {
  const styles = runStyles(runs);
  return runs
    .map((run, i) => `<span class="legend-item" data-run="${i}">${styleKey(styles[i])}${escape(run.name)}</span>`)
    .join('');
}
