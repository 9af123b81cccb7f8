import type { GammaSchedule } from './config';

/** γ in force at a 0-based epoch: constant, or rising from 0 to γ_max at the last epoch. */
export function gammaAt(schedule: GammaSchedule, gammaMax: number, epoch: number, epochs: number): number {
  if (schedule === 'constant' || epochs <= 1) return gammaMax;
  const progress = Math.min(1, epoch / (epochs - 1));
  if (schedule === 'linear') return gammaMax * progress;
  return (gammaMax * (1 - Math.cos(Math.PI * progress))) / 2;
}
