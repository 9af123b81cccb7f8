/** A file-name-safe form of a run's name: "γ-CE (γ=0.1) + TS" → "gamma-ce-gamma-0.1-ts". */
export function slug(name: string): string {
  return name
    .replace(/γ/g, 'gamma')
    .replace(/ε/g, 'eps')
    .replace(/[^A-Za-z0-9.]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .toLowerCase();
}
