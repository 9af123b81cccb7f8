/**
 * What both webview channels share. Messages and restored state coming from a webview are parsed
 * with these schemas on the host; host → webview messages are plain types (the host is trusted).
 * Webview code imports from the channel modules with `import type` only, so zod stays out of its bundle.
 */
import * as z from 'zod';

export interface FileInfo {
  uri: string;
  /** Path or name to show the user. */
  label: string;
  size: number;
}

/** Longest text a webview may send for the log or an error (longer is refused, not cut). */
export const MAX_MESSAGE_CHARS = 10_000;

export const logMessageSchema = z.strictObject({
  type: z.literal('log'),
  level: z.enum(['info', 'warn', 'error']),
  message: z.string().max(MAX_MESSAGE_CHARS),
});

/** An exported SVG figure: markup that starts as one, no longer than `maxChars`. */
export const svgMarkupSchema = (maxChars: number) => z.string().max(maxChars).startsWith('<svg');

/** A PNG as base64, without the data: prefix. */
export const pngBase64Schema = (maxChars: number) => z.string().max(maxChars).pipe(z.base64());

/** A URI as the panels store it: a scheme, then anything. */
export const uriSchema = z
  .string()
  .max(10_000)
  .regex(/^[a-zA-Z][a-zA-Z0-9+.-]*:/, 'not a URI');

export type Parsed<T> = { ok: true; value: T } | { ok: false; problem: string };

/** Parses untrusted input; on failure, names the first field at fault, for the log. */
export function parseWith<T>(schema: z.ZodType<T>, value: unknown): Parsed<T> {
  const result = schema.safeParse(value);
  if (result.success) return { ok: true, value: result.data };
  const issue = result.error.issues[0];
  const where = issue.path.length ? issue.path.map(String).join('.') : 'message';
  return { ok: false, problem: `${where}: ${issue.message}` };
}

/** True when A and B are the same type (optional fields included), checked by the compiler. */
export type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
/** Compiles only when its argument is `true`: ties a schema's type to the core type it mirrors. */
export type Assert<T extends true> = T;
