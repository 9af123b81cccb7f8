import { parseNumber } from './data/parseNumber';

/** One way of reading labels as class names: the headers as written, or with a prefix they all share removed. */
interface NameMapping {
  /** '' for the headers as written. */
  prefix: string;
  names: Map<string, number>;
}

const SEPARATORS = new Set(['_', '-', '.', ':', ' ']);

/**
 * The class index of each label. Labels name classes by the probability headers as written; failing that,
 * by the headers without a prefix that ends at a separator (`_ - . :` or space) and that all headers share
 * (`p_cat`, `p_cow` → `cat`, `cow`), the longest such prefix first; failing that, they are integer indices
 * into the probability columns. One of these readings holds for every row, or `fail` is called.
 */
export function resolveLabels(raw: string[], headers: string[], fail: (row: number, detail: string) => never): Int32Array {
  const mappings = nameMappings(headers);
  for (const { names } of mappings) {
    if (raw.every((text) => names.has(text))) return Int32Array.from(raw, (text) => names.get(text)!);
  }
  const asIndex = (text: string): number | undefined => {
    const value = parseNumber(text);
    return value !== undefined && Number.isInteger(value) && value >= 0 && value < headers.length ? value : undefined;
  };
  const readings = (text: string): string[] => {
    const found = mappings.filter((m) => m.names.has(text)).map(describeMapping);
    return asIndex(text) === undefined ? found : [...found, 'a class index'];
  };

  const unknown = raw.findIndex((text) => readings(text).length === 0);
  if (unknown >= 0) fail(unknown, `unknown class '${raw[unknown]}'; expected one of ${listExpected(mappings, headers.length)}`);
  if (raw.some((text) => asIndex(text) === undefined)) mixedLabels(raw, readings, fail);

  return Int32Array.from(raw, (text, i) => {
    const index = asIndex(text)!;
    for (const { names } of mappings) {
      const named = names.get(text);
      if (named !== undefined && named !== index) {
        fail(i, `label '${text}' is ambiguous: it names class '${headers[named]}' but indexes class '${headers[index]}'`);
      }
    }
    return index;
  });
}

function nameMappings(headers: string[]): NameMapping[] {
  const asWritten: NameMapping = { prefix: '', names: new Map(headers.map((h, i) => [h, i])) };
  return [asWritten, ...sharedPrefixes(headers).map((prefix) => ({ prefix, names: new Map(headers.map((h, i) => [h.slice(prefix.length), i])) }))];
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
function mixedLabels(raw: string[], readings: (text: string) => string[], fail: (row: number, detail: string) => never): never {
  let common = readings(raw[0]);
  for (let i = 1; i < raw.length; i++) {
    const here = readings(raw[i]);
    const next = common.filter((r) => here.includes(r));
    if (next.length > 0) {
      common = next;
      continue;
    }
    const j = Math.max(0, raw.findIndex((text, k) => k < i && !readings(text).some((r) => here.includes(r))));
    fail(i, `label '${raw[i]}' is ${here.join(' or ')}, but row ${j + 1} holds '${raw[j]}', ${readings(raw[j]).join(' or ')}; name classes one way throughout`);
  }
  throw new Error('mixedLabels: the labels read one way after all');
}
