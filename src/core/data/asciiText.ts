const decoder = new TextDecoder();

/** The text of bytes[start, end), which are ASCII (the caller checked). */
export function asciiText(bytes: Uint8Array, start: number, end: number): string {
  if (end - start > 32) return decoder.decode(bytes.subarray(start, end));
  let text = '';
  for (let i = start; i < end; i++) text += String.fromCharCode(bytes[i]);
  return text;
}
