/** Where in a file a problem is: 1-based data row (header excluded), physical line, column name. */
export interface FileLocation {
  /** A part of a binary file: `row group 2`, `array 'probs'`. */
  part?: string;
  row?: number;
  line?: number;
  column?: string;
}

/**
 * The one error type that reading a user's file may throw. Its message names the file and, when
 * known, the row, line and column, and never carries a stack trace meant for the user.
 */
export class DataFileError extends Error {
  readonly file: string;
  readonly location: FileLocation;
  readonly detail: string;

  constructor(file: string, detail: string, location: FileLocation = {}) {
    super(`${file}${formatLocation(location)}: ${detail}`);
    this.name = 'DataFileError';
    this.file = file;
    this.location = location;
    this.detail = detail;
  }
}

export function formatLocation({ part, row, line, column }: FileLocation): string {
  const parts: string[] = [];
  if (part !== undefined) parts.push(part);
  if (row !== undefined) parts.push(line !== undefined ? `row ${row} (line ${line})` : `row ${row}`);
  else if (line !== undefined) parts.push(`line ${line}`);
  if (column !== undefined) parts.push(`column '${column}'`);
  return parts.length ? `, ${parts.join(', ')}` : '';
}
