import type { TextCodes } from './data/exactColumn';
import { parseNumber } from './data/parseNumber';

/** One way of reading labels as class names: the headers as written, or with a prefix they all share removed. */
interface NameMapping {
  /** '' for the headers as written. */
  prefix: string;
  names: Map<string, number>;
}

const SEPARATORS = new Set(['_', '-', '.', ':', ' ']);

/**
 * The class index of each row's label (its text coded by `labels`; none missing). Labels name classes
 * by the probability headers as written; failing that, by the headers without a prefix that ends at a
 * separator (`_ - . :` or space) and that all headers share (`p_cat`, `p_cow` → `cat`, `cow`), the
 * longest such prefix first; failing that, they are integer indices into the probability columns.
 * One of these readings holds for every row, or `fail` is called with the first row that breaks it.
 */
export function resolveLabels(
  labels: TextCodes,
  headers: string[],
  fail: (row: number, detail: string) => never,
): Int32Array {
  const { levels, codes } = labels;
  const mappings = nameMappings(headers);
  for (const { names } of mappings) {
    if (levels.every((text) => names.has(text))) return Int32Array.from(codes, (code) => names.get(levels[code])!);
  }
  const indices = levels.map((text) => {
    const value = parseNumber(text);
    return value !== undefined && Number.isInteger(value) && value >= 0 && value < headers.length ? value : undefined;
  });
  const readings = levels.map((text, code) => {
    const found = mappings.filter((m) => m.names.has(text)).map(describeMapping);
    return indices[code] === undefined ? found : [...found, 'a class index'];
  });

  const unknown = codes.findIndex((code) => readings[code].length === 0);
  if (unknown >= 0)
    fail(
      unknown,
      `unknown class '${levels[codes[unknown]]}'; expected one of ${listExpected(mappings, headers.length)}`,
    );
  if (indices.includes(undefined)) mixedLabels(labels, readings, fail);

  const ambiguous = levels.map((text, code) => {
    const index = indices[code]!;
    for (const { names } of mappings) {
      const named = names.get(text);
      if (named !== undefined && named !== index)
        return `label '${text}' is ambiguous: it names class '${headers[named]}' but indexes class '${headers[index]}'`;
    }
    return undefined;
  });
  const first = codes.findIndex((code) => ambiguous[code] !== undefined);
  if (first >= 0) fail(first, ambiguous[codes[first]]!);
  return Int32Array.from(codes, (code) => indices[code]!);
}

function nameMappings(headers: string[]): NameMapping[] {
  const asWritten: NameMapping = { prefix: '', names: new Map(headers.map((h, i) => [h, i])) };
  return [
    asWritten,
    ...sharedPrefixes(headers).map((prefix) => ({
      prefix,
      names: new Map(headers.map((h, i) => [h.slice(prefix.length), i])),
    })),
  ];
}

/** Prefixes ending at a separator that every header starts with and is longer than, longest first. */
function sharedPrefixes(headers: string[]): string[] {
  const first = headers[0];
  const prefixes: string[] = [];
  for (let end = first.length - 2; end >= 0; end--) {
    if (!SEPARATORS.has(first[end])) continue;
    const prefix = first.slice(0, end + 1);
    if (headers.every((h) => h.length > prefix.length && h.startsWith(prefix))) prefixes.push(prefix);
  }
  return prefixes;
}

function describeMapping({ prefix }: NameMapping): string {
  return prefix === '' ? 'a class name' : `a class name without the prefix '${prefix}'`;
}

function listExpected(mappings: NameMapping[], classes: number): string {
  const parts = mappings.map(({ prefix, names }) => {
    const list = `(${[...names.keys()].join(', ')})`;
    return prefix === '' ? `the class names ${list}` : `the same without the prefix '${prefix}' ${list}`;
  });
  return `${parts.join(', ')}${parts.length > 1 ? ',' : ''} or indices 0–${classes - 1}`;
}

/** Every label reads some way, but no one way reads them all: name the first row that breaks with an earlier one. */
function mixedLabels(
  { levels, codes }: TextCodes,
  readings: string[][],
  fail: (row: number, detail: string) => never,
): never {
  let common = readings[codes[0]];
  for (let i = 1; i < codes.length; i++) {
    const here = readings[codes[i]];
    const next = common.filter((r) => here.includes(r));
    if (next.length > 0) {
      common = next;
      continue;
    }
    const j = Math.max(
      0,
      codes.findIndex((code, k) => k < i && !readings[code].some((r) => here.includes(r))),
    );
    fail(
      i,
      `label '${levels[codes[i]]}' is ${here.join(' or ')}, but row ${j + 1} holds '${levels[codes[j]]}', ${readings[codes[j]].join(' or ')}; name classes one way throughout`,
    );
  }
  throw new Error('mixedLabels: the labels read one way after all');
}
