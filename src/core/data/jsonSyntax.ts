import { parse as parseJsonc, ParseError, printParseErrorCode } from 'jsonc-parser';
import { DataFileError } from './dataFileError';

/** The error for JSON text that JSON.parse refused, with the line and column of the first problem. */
export function jsonSyntaxError(text: string, file: string, lineOffset: number): DataFileError {
  const errors: ParseError[] = [];
  parseJsonc(text, errors, { disallowComments: true, allowTrailingComma: false });
  if (errors.length === 0) return new DataFileError(file, 'is not valid JSON', { line: lineOffset + 1 });
  const { offset, error } = errors[0];
  const before = text.slice(0, offset).split('\n');
  const line = lineOffset + before.length;
  const column = before[before.length - 1].length + 1;
  return new DataFileError(
    file,
    `JSON syntax error at line ${line}, column ${column}: ${describeJsonError(printParseErrorCode(error))}`,
  );
}

/** jsonc-parser's error code in words: `ValueExpected` → `value expected`. */
export function describeJsonError(code: string): string {
  return code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}
