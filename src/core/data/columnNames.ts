import { DataFileError } from './dataFileError';

/** The index of the column called `name`: an exact match, else the only case-insensitive one. */
export function findColumn(columns: readonly string[], name: string): number | undefined {
  const exact = columns.indexOf(name);
  if (exact >= 0) return exact;
  const lower = name.toLowerCase();
  const folded = columns.flatMap((c, i) => (c.toLowerCase() === lower ? [i] : []));
  return folded.length === 1 ? folded[0] : undefined;
}

const LISTED = 20;

/** The one wording, for datasets and predictions, of a label column that the file does not have. */
export function noSuchColumn(file: string, name: string, columns: readonly string[]): DataFileError {
  const listed =
    listNames(columns.slice(0, LISTED)) + (columns.length > LISTED ? `, … (${columns.length} in all)` : '');
  return new DataFileError(
    file,
    `has no label column '${name}' (columns: ${listed}); name the column that holds the true labels`,
  );
}

/** Names joined by ', ', each quoted when it could be misread in the list (a comma, a quote, spaces at an end, empty). */
export function listNames(names: readonly string[]): string {
  return names.map(shownName).join(', ');
}

function shownName(name: string): string {
  if (name !== '' && !/[,'"]|^\s|\s$/.test(name)) return name;
  return name.includes("'") ? `"${name}"` : `'${name}'`;
}
