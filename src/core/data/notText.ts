import { DataFileError } from './dataFileError';

/**
 * The one wording, for every reader and front end (both panels, the CLI), of a file that is not
 * UTF-8 text: a binary file (a zero byte in its first BINARY_SNIFF_BYTES, as git decides), UTF-16
 * text, or text with a byte that is not UTF-8.
 */
export const BINARY_SNIFF_BYTES = 8000;
const SAVE_AS = 'export the data as CSV, TSV, JSON or JSONL';

/**
 * Throws the binary-file (or UTF-16) error if `head`, the bytes of the file from `offset` on,
 * lies in the sniffed start of the file and holds a zero byte or begins with a UTF-16 byte-order mark.
 */
export function checkNotBinary(file: string, head: Uint8Array, offset = 0): void {
  if (offset >= BINARY_SNIFF_BYTES) return;
  const sniffed = head.subarray(0, BINARY_SNIFF_BYTES - offset);
  if (
    offset === 0 &&
    sniffed.length >= 2 &&
    ((sniffed[0] === 0xff && sniffed[1] === 0xfe) || (sniffed[0] === 0xfe && sniffed[1] === 0xff))
  ) {
    throw utf16Error(file);
  }
  const zero = sniffed.indexOf(0);
  if (zero < 0) return;
  if (offset === 0 && looksUtf16(sniffed)) throw utf16Error(file);
  throw new DataFileError(file, `is a binary file, not text (a zero byte at offset ${offset + zero}); ${SAVE_AS}`);
}

/** A byte that is not UTF-8, at `offset` in the file, on `line`; `byteOfLine` when the line's start is known. */
export function notUtf8Error(file: string, at: { offset: number; line: number; byteOfLine?: number }): DataFileError {
  const where = at.byteOfLine !== undefined ? `byte ${at.byteOfLine} of the line, ` : '';
  return new DataFileError(file, `is not valid UTF-8 text (${where}offset ${at.offset} in the file)`, {
    line: at.line,
  });
}

function utf16Error(file: string): DataFileError {
  return new DataFileError(file, 'is UTF-16 text, not UTF-8; save it as UTF-8');
}

/** ASCII text in UTF-16 without a byte-order mark: every other byte of its start is zero. */
function looksUtf16(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 200) & ~1;
  if (n < 4) return false;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZero++;
    if (bytes[i + 1] === 0) oddZero++;
  }
  const pairs = n / 2;
  return (oddZero === pairs && evenZero === 0) || (evenZero === pairs && oddZero === 0);
}
