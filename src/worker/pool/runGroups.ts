import type { RunSpec } from '../../core/train/types';

/**
 * The plan's runs in groups one worker trains together: each trained run with the "+ TS" runs that
 * re-calibrate its model (they need its logits). Names only, in plan order within a group.
 */
export function runGroups(specs: readonly RunSpec[]): string[][] {
  return specs
    .filter((spec) => !spec.temperatureOf)
    .map((spec) => [spec.name, ...specs.filter((s) => s.temperatureOf === spec.name).map((s) => s.name)]);
}

/** The runs of one draw, put back in plan order whatever group (and worker) trained them. */
export function inPlanOrder<R extends { name: string }>(specs: readonly RunSpec[], runs: readonly R[]): R[] {
  const byName = new Map(runs.map((run) => [run.name, run]));
  return specs.flatMap((spec) => byName.get(spec.name) ?? []);
}
