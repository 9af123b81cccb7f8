import { parquetMetadataAsync, parquetRead, parquetSchema } from 'hyparquet';
import type { FileMetaData, SchemaElement, SchemaTree } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { ByteSource, readArrayBuffer } from './byteSource';
import { DataFileError } from './dataFileError';
import { flatPageLocations, type PageLocation } from './parquetPageLocations';
import { readPlainRows } from './parquetPlainPages';

/** A top-level column of a Parquet file: a number/text/bool leaf, or a list of numbers (one row = one list). */
export interface ParquetColumn {
  name: string;
  kind: 'number' | 'text' | 'boolean' | 'list' | 'other';
  /** A list, struct or map rather than one value per row. */
  nested: boolean;
}

/** A row group's place in the file. */
export interface GroupSlot {
  index: number;
  /** 0-based index of the group's first row in the file. */
  start: number;
  rows: number;
}

/** One row group's columns, each one array of `rows` values (a typed array for numbers, arrays for lists). */
export interface ParquetGroup extends GroupSlot {
  columns: Map<string, ArrayLike<unknown>>;
}

const NUMBER_TYPES = new Set(['DOUBLE', 'FLOAT', 'INT32', 'INT64']);

/** A Parquet file opened for reading row group after row group (hyparquet, with snappy/zstd/gzip/brotli/lz4). */
export class ParquetTable {
  private constructor(
    readonly file: string,
    private readonly source: ByteSource,
    private readonly metadata: FileMetaData,
    readonly columns: ParquetColumn[],
  ) {}

  private readonly pages = new Map<string, PageLocation[] | undefined>();
  private flatLeaves?: Map<string, SchemaElement>;

  /** The most rows one decoded page held in the last readRows: a part smaller than a page costs its whole page. */
  widestPage = 0;

  static async open(source: ByteSource, file: string): Promise<ParquetTable> {
    const buffer = asyncBuffer(source);
    let metadata: FileMetaData;
    let columns: ParquetColumn[];
    try {
      if (source.size < 12) throw new Error('the file is too short');
      const magic = new TextDecoder().decode(await source.read(0, 4));
      if (magic !== 'PAR1') throw new Error(`it does not start with PAR1`);
      metadata = await parquetMetadataAsync(buffer);
      // A damaged schema (a child count beyond its elements) fails here, inside hyparquet or in describeColumn.
      columns = parquetSchema(metadata).children.map(describeColumn);
      if (columns.some((c) => typeof c.name !== 'string')) throw new Error('a column of its schema has no name');
    } catch (error) {
      throw unreadable(file, error, 'its footer');
    }
    return new ParquetTable(file, source, metadata, columns);
  }

  get rows(): number {
    return Number(this.metadata.num_rows);
  }

  get rowGroups(): number {
    return this.metadata.row_groups.length;
  }

  /** A key of the file's key-value metadata (`pandas`: DataFrame.to_parquet's description of the frame). */
  keyValue(key: string): string | undefined {
    return this.metadata.key_value_metadata?.find((kv) => kv.key === key)?.value ?? undefined;
  }

  /** Where each row group starts and how many rows it holds. */
  get groupSlots(): GroupSlot[] {
    let start = 0;
    return this.metadata.row_groups.map((group, index) => {
      const rows = Number(group.num_rows);
      const slot = { index, start, rows };
      start += rows;
      return slot;
    });
  }

  /** The groups' columns `names`, one group at a time: at most one group is decoded in memory. */
  async *groups(names: string[]): AsyncGenerator<ParquetGroup> {
    for (const slot of this.groupSlots) {
      const columns = new Map<string, ArrayLike<unknown>>();
      for (const name of names) columns.set(name, await this.readColumn(slot, name));
      yield { ...slot, columns };
    }
  }

  /** One column of one row group, as one array of the group's rows. */
  readColumn(slot: GroupSlot, name: string): Promise<ArrayLike<unknown>> {
    return this.readRows(slot, name, 0, slot.rows);
  }

  /**
   * Rows [from, from + rows) of a group's column: decoded here when they are PLAIN pages without
   * nulls (readPlainRows), else by hyparquet, which decodes only the pages that hold the rows (all of
   * a page's rows; with page locations it fetches only those too). Asked from row `from`, it decodes
   * the page that ends there too, so it is asked from `from + 1` first (the page that holds `from`
   * still comes whole, unless `from` ends a page: then again from `from`).
   */
  async readRows(slot: GroupSlot, name: string, from: number, rows: number): Promise<ArrayLike<unknown>> {
    const plain = await this.readPlain(slot, name, from, rows);
    if (plain) return plain;
    if (from > 0 && rows > 1) {
      const pieces = await this.readPieces(slot, name, from, from + 1, rows);
      if (pieces.length > 0 && pieces[0].at <= 0) return joinPieces(this.file, slot.index, name, pieces, rows);
    }
    return joinPieces(this.file, slot.index, name, await this.readPieces(slot, name, from, from, rows), rows);
  }

  /** The pieces (pages) hyparquet decodes for rows [ask, from + rows), placed relative to `from`. */
  private async readPieces(slot: GroupSlot, name: string, from: number, ask: number, rows: number) {
    const pieces: { at: number; data: ArrayLike<unknown> }[] = [];
    const whole = ask === 0 && rows >= slot.rows;
    const pages = whole ? undefined : await this.pageLocations(slot, name);
    const pageLocationsByGroup: Record<string, PageLocation[]>[] = [];
    if (pages) pageLocationsByGroup[slot.index] = { [name]: pages };
    try {
      await parquetRead({
        file: asyncBuffer(this.source),
        metadata: this.metadata,
        columns: [name],
        rowStart: slot.start + ask,
        rowEnd: slot.start + from + rows,
        compressors,
        onChunk: ({ columnData, rowStart }) => {
          pieces.push({ at: rowStart - slot.start - from, data: columnData as ArrayLike<unknown> });
        },
        // Read by hyparquet's planner (as from an offset index): only the pages that hold the rows are fetched.
        ...(pages ? { pageLocationsByGroup } : {}),
      });
    } catch (error) {
      throw unreadable(this.file, error, `row group ${slot.index + 1}`);
    }
    this.widestPage = pieces.reduce((widest, p) => Math.max(widest, p.data.length), 0);
    return pieces;
  }

  /** The rows of a flat number column decoded without hyparquet when its pages allow (readPlainRows). */
  private async readPlain(slot: GroupSlot, name: string, from: number, rows: number) {
    const column = this.columns.find((c) => c.name === name);
    if (column?.kind !== 'number' || column.nested) return undefined;
    const pages = await this.pageLocations(slot, name);
    const meta = this.chunkOf(slot, name);
    const element = this.flatElement(name);
    if (!pages || !meta || !element) return undefined;
    const plain = await readPlainRows(this.source, meta, element, pages, from, rows);
    if (plain) this.widestPage = plain.widestPage;
    return plain?.values;
  }

  /** The schema element of a top-level leaf column that holds one value per row (not repeated), else undefined. */
  private flatElement(name: string): SchemaElement | undefined {
    this.flatLeaves ??= new Map(
      parquetSchema(this.metadata)
        .children.filter((node) => node.children.length === 0 && node.element.repetition_type !== 'REPEATED')
        .map((node) => [node.element.name, node.element]),
    );
    return this.flatLeaves.get(name);
  }

  private chunkOf(slot: GroupSlot, name: string) {
    return this.metadata.row_groups[slot.index].columns.find(
      (c) => c.meta_data?.path_in_schema.length === 1 && c.meta_data.path_in_schema[0] === name,
    )?.meta_data;
  }

  /** The page locations of a flat column's chunk in a group (walked once, then kept), or undefined. */
  private async pageLocations(slot: GroupSlot, name: string): Promise<PageLocation[] | undefined> {
    const key = `${slot.index}\u0000${name}`;
    if (!this.pages.has(key)) {
      const meta = this.chunkOf(slot, name);
      const pages =
        this.flatElement(name) && meta
          ? await flatPageLocations(this.source, meta, slot.rows).catch(() => undefined)
          : undefined;
      this.pages.set(key, pages);
    }
    return this.pages.get(key);
  }
}

function asyncBuffer(source: ByteSource) {
  return {
    byteLength: source.size,
    slice: (start: number, end?: number) => readArrayBuffer(source, start, end ?? source.size),
  };
}

function describeColumn(node: SchemaTree): ParquetColumn {
  const { element } = node;
  const name = element.name;
  if (node.children.length === 0) {
    const type = element.type ?? '';
    if (NUMBER_TYPES.has(type)) return { name, kind: 'number', nested: false };
    if (type === 'BOOLEAN') return { name, kind: 'boolean', nested: false };
    if (type === 'BYTE_ARRAY') return { name, kind: 'text', nested: false };
    return { name, kind: 'other', nested: false };
  }
  // LIST (3-level, what PyArrow writes for list and fixed-size-list columns) or a bare repeated leaf.
  let leaf = node;
  while (leaf.children.length === 1) leaf = leaf.children[0];
  const isList = element.converted_type === 'LIST' || element.logical_type?.type === 'LIST';
  return {
    name,
    kind: isList && leaf.children.length === 0 && NUMBER_TYPES.has(leaf.element.type ?? '') ? 'list' : 'other',
    nested: true,
  };
}

/** A column's pieces (pages, `at` relative to the range's first row) as one array of the range's rows. */
function joinPieces(
  file: string,
  group: number,
  name: string,
  pieces: { at: number; data: ArrayLike<unknown> }[],
  rows: number,
): ArrayLike<unknown> {
  pieces.sort((a, b) => a.at - b.at);
  let end = pieces.length === 0 ? 0 : pieces[0].at;
  for (const p of pieces) if (p.at <= end) end = Math.max(end, p.at + p.data.length);
  if (pieces.length === 0 || pieces[0].at > 0 || end < rows)
    throw new DataFileError(file, `column '${name}' holds ${Math.max(0, end)} of the group's ${rows} rows`, {
      part: `row group ${group + 1}`,
    });
  const first = pieces[0].data;
  if (pieces.length === 1 && pieces[0].at === 0 && first.length === rows) return first;
  const out: { [i: number]: unknown; length: number } =
    first instanceof Float64Array || first instanceof Float32Array || first instanceof Int32Array
      ? new (first.constructor as Float64ArrayConstructor)(rows)
      : new Array<unknown>(rows);
  for (const p of pieces) {
    const lo = Math.max(0, -p.at);
    const hi = Math.min(p.data.length, rows - p.at);
    for (let i = lo; i < hi; i++) out[p.at + i] = p.data[i];
  }
  return out as ArrayLike<unknown>;
}

function unreadable(file: string, error: unknown, where: string): DataFileError {
  if (error instanceof DataFileError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new DataFileError(file, `is not a readable Parquet file: ${message}`, { part: where });
}
