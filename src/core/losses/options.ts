/** The options of the noise-robust losses and their checks: pure, for configuration code without tfjs. */

export const DEFAULT_GCE_Q = 0.7;

export const DEFAULT_SCE = { alpha: 0.1, beta: 1, A: -4 } as const;

/** q of GCE must be in (0, 1]; the message names it. */
export function checkQ(q: unknown, name = 'q'): number {
  if (typeof q !== 'number' || !(q > 0 && q <= 1)) {
    throw new RangeError(`${name} (the q of GCE) must be in (0, 1], got ${String(q)}`);
  }
  return q;
}

/**
 * α and β finite, ≥ 0 and not both 0; A finite and < 0. A RangeError names the option (with a prefix,
 * e.g. 'sce' for sceAlpha) in its message and carries it (sceOptionOf).
 */
export function checkSceOptions(
  o: { alpha: number; beta: number; A: number },
  prefix = '',
): { alpha: number; beta: number; A: number } {
  const name = (n: string) => (prefix ? `${prefix}${n[0].toUpperCase()}${n.slice(1)}` : n);
  const fail = (option: SceOption, message: string): never => {
    throw Object.assign(new RangeError(message), { option });
  };
  for (const key of ['alpha', 'beta'] as const) {
    if (typeof o[key] !== 'number' || !(o[key] >= 0 && Number.isFinite(o[key]))) {
      fail(
        key,
        `${name(key)} (the ${key === 'alpha' ? 'α' : 'β'} of SCE) must be a finite number ≥ 0, got ${String(o[key])}`,
      );
    }
  }
  if (o.alpha === 0 && o.beta === 0)
    fail('beta', `${name('alpha')} and ${name('beta')} of SCE are both 0: the loss would be 0`);
  if (typeof o.A !== 'number' || !(o.A < 0 && Number.isFinite(o.A))) {
    fail(
      'A',
      `${name('A')} (the log 0 of SCE's reverse cross-entropy) must be a finite negative number, got ${String(o.A)}`,
    );
  }
  return o;
}

export type SceOption = 'alpha' | 'beta' | 'A';

/** The option a checkSceOptions error is about. */
export function sceOptionOf(error: unknown): SceOption | undefined {
  return (error as { option?: SceOption }).option;
}

/** ε ∈ [0, 1) of the TaiLr form's label smoothing; the message names the setting. */
export function checkTailrSmoothing(epsilon: unknown, name = 'smoothing'): number {
  if (typeof epsilon !== 'number' || !(epsilon >= 0 && epsilon < 1)) {
    throw new RangeError(`${name} (the label smoothing ε of the TaiLr form) must be in [0, 1), got ${String(epsilon)}`);
  }
  return epsilon;
}
