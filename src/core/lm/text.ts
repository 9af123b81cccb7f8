import { DataFileError } from '../data/dataFileError';
import { checkNotBinary, notUtf8Error } from '../data/notText';

/** A text file, decoded: its name (for messages) and its Unicode characters. */
export interface TextFile {
  name: string;
  text: string;
}

/**
 * Decodes a file's bytes as UTF-8 text (a leading byte-order mark dropped), refusing binary
 * files, UTF-16 and bytes that are not UTF-8 with the core's one wording for each.
 */
export function decodeTextFile(name: string, bytes: Uint8Array): TextFile {
  if (bytes.length === 0) throw new DataFileError(name, 'is empty; a language model needs some text to learn from');
  checkNotBinary(name, bytes);
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
    return { name, text };
  } catch {
    const offset = firstInvalidUtf8(bytes);
    let line = 1;
    for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++;
    throw notUtf8Error(name, { offset, line });
  }
}

/** The offset of the first byte that starts no valid UTF-8 sequence (a strict, minimal check). */
function firstInvalidUtf8(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length;) {
    const b = bytes[i];
    const extra = b < 0x80 ? 0 : b >= 0xc2 && b < 0xe0 ? 1 : b >= 0xe0 && b < 0xf0 ? 2 : b >= 0xf0 && b < 0xf5 ? 3 : -1;
    if (extra < 0) return i;
    for (let k = 1; k <= extra; k++) if (i + k >= bytes.length || (bytes[i + k] & 0xc0) !== 0x80) return i;
    i += extra + 1;
  }
  return bytes.length;
}
