import type { ByteSource } from './byteSource';
import { listNames } from './columnNames';
import { DataFileError } from './dataFileError';
import { NpyArray } from './npyArray';
import { entryBytes, zipEntries } from './zipEntries';

/** A .npz archive (numpy.savez or savez_compressed): its arrays by key (member name without `.npy`). */
export interface NpzArchive {
  keys: string[];
  has(key: string): boolean;
  /** The array, read front to back; each open reads its member afresh. */
  open(key: string): Promise<NpyArray>;
  /** The first of `candidates` the archive has. */
  first(candidates: readonly string[]): string | undefined;
  /** "has no array <what> (arrays: a, b)". */
  missing(what: string): DataFileError;
}

export async function openNpzArchive(source: ByteSource, file: string): Promise<NpzArchive> {
  const entries = await zipEntries(source, file);
  const byKey = new Map(entries.filter((e) => e.name.endsWith('.npy')).map((e) => [e.name.slice(0, -4), e]));
  const keys = [...byKey.keys()];
  return {
    keys,
    has: (key) => byKey.has(key),
    open: async (key) => NpyArray.open(await entryBytes(source, file, byKey.get(key)!), file, key),
    first: (candidates) => candidates.find((key) => byKey.has(key)),
    missing: (what) => new DataFileError(file, `has no array ${what} (arrays: ${listNames(keys) || 'none'})`),
  };
}
