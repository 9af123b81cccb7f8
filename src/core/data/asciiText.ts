const decoder = new TextDecoder();
const char = String.fromCharCode;

/**
 * The text of bytes[start, end), which are ASCII (the caller checked): one string for a short cell
 * (a loop of += made one per character, garbage that tripled a file's young-generation collections).
 */
export function asciiText(bytes: Uint8Array, start: number, end: number): string {
  const b = bytes;
  const s = start;
  switch (end - start) {
    case 0:
      return '';
    case 1:
      return char(b[s]);
    case 2:
      return char(b[s], b[s + 1]);
    case 3:
      return char(b[s], b[s + 1], b[s + 2]);
    case 4:
      return char(b[s], b[s + 1], b[s + 2], b[s + 3]);
    case 5:
      return char(b[s], b[s + 1], b[s + 2], b[s + 3], b[s + 4]);
    case 6:
      return char(b[s], b[s + 1], b[s + 2], b[s + 3], b[s + 4], b[s + 5]);
    case 7:
      return char(b[s], b[s + 1], b[s + 2], b[s + 3], b[s + 4], b[s + 5], b[s + 6]);
    case 8:
      return char(b[s], b[s + 1], b[s + 2], b[s + 3], b[s + 4], b[s + 5], b[s + 6], b[s + 7]);
    default:
      return decoder.decode(bytes.subarray(start, end));
  }
}
