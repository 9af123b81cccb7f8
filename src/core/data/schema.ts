import { findColumn, noSuchColumn } from './columnNames';
import type { RawColumn } from './columnBuilder';
import { DataFileError } from './dataFileError';
import { MAX_CATEGORIES, MAX_LEVELS, MISSING_INDICATOR_FRACTION } from './limits';
import type { ColumnTable } from './tableBuilder';

export type ColumnRole = 'label' | 'feature' | 'ignored';
/** `text` is a column that can only be ignored: free text or identifiers. */
export type ColumnType = 'numeric' | 'categorical' | 'text';
export type ClassOrder = 'natural' | 'appearance';

/** One column of the file, as the dataset uses it. Every field but name, role and type is optional in an edited schema. */
export interface ColumnSchema {
  name: string;
  role: ColumnRole;
  type: ColumnType;
  /** Categorical: the one-hot levels, in order (the data's, naturally sorted, when absent). */
  levels?: string[];
  /** Numeric: add a feature that is 1 where the cell is missing. */
  missingIndicator?: boolean;
  /** Categorical: missing cells are a level of their own. */
  missingLevel?: boolean;
  /** Why inference chose this role and type. */
  reason?: string;
}

/** What to make of a data file: JSON-serialisable, so that a run can be repeated and the UI can edit it. */
export interface DatasetSchema {
  version: 1;
  label: string;
  /** Class names in class-index order. */
  classes: string[];
  /** Every column of the file, in file order (the label column too, with role `label`). */
  columns: ColumnSchema[];
}

export interface InferOptions {
  /** The label column; default: the first of LABEL_NAMES present (any case), else the last column. */
  label?: string;
  /** Default natural: numbers by value, text alphabetically with digit runs as numbers (`c2` < `c10`). */
  classOrder?: ClassOrder;
}

/** The reason given to a column of the file that a saved schema does not name (it is ignored). */
export const NOT_IN_SCHEMA = 'not in the schema';

export const LABEL_NAMES = ['label', 'target', 'class', 'y', 'outcome', 'species', 'diagnosis', 'digit'];
const ID_NAME = /^(?:id|_id|idx|index|key|row|rownum|row_?id|row_?number|unnamed: ?0|.*[ _-]id)$/i;
const MIN_ROWS_FOR_ROW_NUMBERS = 10;

/** The label column's index and how it was chosen. */
export function inferLabelColumn(columns: readonly string[]): { index: number; reason: string } {
  for (const name of LABEL_NAMES) {
    const index = columns.findIndex((c) => c.toLowerCase() === name);
    if (index >= 0) return { index, reason: `label: named '${columns[index]}'` };
  }
  return { index: columns.length - 1, reason: 'label: the last column' };
}

/** Infers label, classes and every column's role and type from a table that was read. */
export function inferSchema(table: ColumnTable, options: InferOptions = {}): DatasetSchema {
  const names = table.columns.map((c) => c.name);
  if (names.length === 1) {
    throw new DataFileError(
      table.file,
      `has a single column ('${names[0]}'): training needs a label column and at least one feature column beside it`,
    );
  }
  let labelIndex: number;
  let labelReason: string;
  if (options.label !== undefined) {
    const found = findColumn(names, options.label);
    if (found === undefined) throw noSuchColumn(table.file, options.label, names);
    labelIndex = found;
    labelReason = 'label: chosen';
  } else {
    ({ index: labelIndex, reason: labelReason } = inferLabelColumn(names));
  }
  const labelColumn = table.columns[labelIndex];
  return {
    version: 1,
    label: labelColumn.name,
    classes: inferClasses(table, labelColumn, options.classOrder),
    columns: table.columns.map((column, j) =>
      j === labelIndex
        ? { name: column.name, role: 'label', type: 'categorical', reason: labelReason }
        : inferColumn(column, table.rows),
    ),
  };
}

/** The label column's classes: at least two, each a level of the column. */
export function inferClasses(table: ColumnTable, column: RawColumn, order?: ClassOrder): string[] {
  if (!column.codes) {
    throw new DataFileError(
      table.file,
      `the label column has more than ${MAX_LEVELS} distinct values; γ-CE trains classifiers: ${CHOOSE_LABEL}`,
      { column: column.name },
    );
  }
  const labelled = table.rows - column.stats.missing;
  if (tooManyClasses(column.levels.length, labelled)) {
    const what =
      column.levels.length === labelled ? 'every row has its own value' : 'more than half as many as there are rows';
    throw new DataFileError(
      table.file,
      `the label column has ${column.levels.length} distinct values in ${labelled} rows (${what}): it looks like identifiers or free text, not classes; ${CHOOSE_LABEL}`,
      { column: column.name },
    );
  }
  if (column.levels.length === 0)
    throw new DataFileError(table.file, 'the label column has no values', { column: column.name });
  if (column.levels.length < 2) {
    throw new DataFileError(
      table.file,
      `the label column has only one class ('${column.levels[0]}'); training needs at least two`,
      { column: column.name },
    );
  }
  // Natural order by default: class indices then do not depend on the order of the rows.
  return orderLevels(column, order ?? 'natural');
}

const CHOOSE_LABEL =
  'name the column that holds the classes with --label <column> (in the training panel: Label column)';

/**
 * A label with more classes than half its rows cannot be learnt from (most classes would have one
 * row, in one split only): such a column holds identifiers or free text. Two classes always pass.
 */
export function tooManyClasses(classes: number, rows: number): boolean {
  return classes > 2 && classes > rows / 2;
}

const collator = new Intl.Collator('en', { numeric: true });

/** Levels in order of first appearance, or naturally: numbers by value, text with digit runs compared as numbers. */
export function orderLevels(column: RawColumn, order: ClassOrder): string[] {
  if (order === 'appearance') return [...column.levels];
  const indices = column.levels.map((_, i) => i);
  indices.sort((a, b) => {
    const va = column.levelNumbers[a];
    const vb = column.levelNumbers[b];
    const na = !Number.isNaN(va);
    const nb = !Number.isNaN(vb);
    if (na && nb) return va - vb;
    if (na !== nb) return na ? -1 : 1; // numbers before text
    return collator.compare(column.levels[a], column.levels[b]);
  });
  return indices.map((i) => column.levels[i]);
}

/** Role and type of a column that is not the label, with the reason (shown to the user). */
export function inferColumn(column: RawColumn, rows: number): ColumnSchema {
  const { name } = column;
  const { stats } = column;
  const present = rows - stats.missing;
  const missingShare = rows > 0 ? stats.missing / rows : 0;
  if (present === 0) return { name, role: 'ignored', type: 'numeric', reason: 'empty: every cell is missing' };

  const distinct = column.codes ? column.levels.length : undefined;
  const missingNote = stats.missing > 0 ? `, ${stats.missing} missing` : '';
  if (distinct === 1 && missingShare <= MISSING_INDICATOR_FRACTION) {
    const type: ColumnType = stats.texts > 0 ? 'categorical' : 'numeric';
    return { name, role: 'ignored', type, reason: `constant: always '${column.levels[0]}'${missingNote}` };
  }

  if (stats.texts === 0) {
    if (isIdentifier(column, rows)) {
      return { name, role: 'ignored', type: 'numeric', reason: 'identifier: distinct integers, one per row' };
    }
    return { name, role: 'feature', type: 'numeric', missingIndicator: missingShare > MISSING_INDICATOR_FRACTION };
  }

  const notNumeric = stats.numbers > 0 ? `; not numeric: '${stats.firstText!.text}' is not a number` : '';
  if (distinct === undefined) {
    return {
      name,
      role: 'ignored',
      type: 'text',
      reason: `free text or identifiers: more than ${MAX_LEVELS} distinct values${notNumeric}`,
    };
  }
  if (distinct === present && present > 2) {
    return {
      name,
      role: 'ignored',
      type: 'text',
      reason: `free text or identifiers: every value is different (${distinct})${notNumeric}`,
    };
  }
  if (distinct > MAX_CATEGORIES) {
    return {
      name,
      role: 'ignored',
      type: 'text',
      reason: `free text: ${distinct} distinct values (at most ${MAX_CATEGORIES} make a categorical column)${notNumeric}`,
    };
  }
  return {
    name,
    role: 'feature',
    type: 'categorical',
    levels: orderLevels(column, 'natural'),
    missingLevel: stats.missing > 0,
    ...(notNumeric ? { reason: notNumeric.slice(2) } : {}),
  };
}

/**
 * Row ids: integers without gaps or repeats (a permutation of k … k+n−1), or distinct integers in
 * a column named like an id. Other integer features may be distinct too, so neither alone suffices.
 */
function isIdentifier(column: RawColumn, rows: number): boolean {
  const { stats } = column;
  if (!stats.integers || stats.missing > 0 || stats.nonFinite > 0 || rows < 2) return false;
  const idName = ID_NAME.test(column.name);
  const consecutive = stats.max - stats.min + 1 === rows && rows >= MIN_ROWS_FOR_ROW_NUMBERS;
  if (!idName && !consecutive) return false;
  if (stats.increasing || stats.decreasing) return true;
  if (column.codes) return column.levels.length === rows;
  const sorted = Float64Array.from(column.values).sort();
  for (let i = 1; i < sorted.length; i++) if (sorted[i] === sorted[i - 1]) return false;
  return true;
}

/**
 * A saved or edited schema, checked against the table and completed: the label (overridden by
 * `label` when given), classes and levels filled in where absent, columns it does not name
 * ignored. Returns the schema to apply and what the user should hear about it.
 */
export function resolveSchema(
  table: ColumnTable,
  saved: DatasetSchema | undefined,
  options: InferOptions = {},
): { schema: DatasetSchema; warnings: string[] } {
  if (!saved) return { schema: inferSchema(table, options), warnings: [] };
  checkSchemaShape(saved, table.file);
  const label = options.label ?? saved.label;
  const inferred = inferSchema(table, { ...options, label });
  const warnings: string[] = [];
  const byName = new Map(saved.columns.map((c) => [c.name, c]));
  const columns = inferred.columns.map((auto, j): ColumnSchema => {
    const edited = byName.get(auto.name);
    if (auto.role === 'label') {
      return edited?.role === 'label'
        ? { name: auto.name, role: 'label', type: 'categorical', ...(edited.reason ? { reason: edited.reason } : {}) }
        : auto;
    }
    if (!edited) {
      warnings.push(`column '${auto.name}' is not in the schema: ignored`);
      return { name: auto.name, role: 'ignored', type: auto.type, reason: NOT_IN_SCHEMA };
    }
    // The schema's label column, when `label` names another: inferred afresh.
    if (edited.role === 'label') return auto;
    return completeColumn(edited, table.columns[j], table);
  });
  for (const c of saved.columns) {
    if (c.role === 'feature' && !table.columns.some((t) => t.name === c.name)) {
      throw new DataFileError(table.file, `has no column '${c.name}', which the schema makes a feature`, {
        column: c.name,
      });
    }
  }
  const sameLabel = inferred.label === saved.label;
  const classes = sameLabel && saved.classes.length > 0 ? [...saved.classes] : inferred.classes;
  return { schema: { version: 1, label: inferred.label, classes, columns }, warnings };
}

function completeColumn(edited: ColumnSchema, column: RawColumn, table: ColumnTable): ColumnSchema {
  const out: ColumnSchema = { name: column.name, role: edited.role, type: edited.type };
  if (edited.reason !== undefined) out.reason = edited.reason;
  if (edited.role !== 'feature') return out;
  if (edited.type === 'text') {
    throw new DataFileError(
      table.file,
      "the schema makes a 'text' column a feature; a feature is numeric or categorical",
      {
        column: column.name,
      },
    );
  }
  if (edited.type === 'numeric') {
    out.missingIndicator =
      edited.missingIndicator ?? column.stats.missing / Math.max(table.rows, 1) > MISSING_INDICATOR_FRACTION;
    return out;
  }
  if (!edited.levels && !column.codes) {
    throw new DataFileError(
      table.file,
      `has more than ${MAX_LEVELS} distinct values in this column; it cannot be categorical`,
      {
        column: column.name,
      },
    );
  }
  out.levels = edited.levels ? [...edited.levels] : orderLevels(column, 'natural');
  out.missingLevel = edited.missingLevel ?? column.stats.missing > 0;
  return out;
}

const ROLES: ReadonlySet<string> = new Set(['label', 'feature', 'ignored']);
const TYPES: ReadonlySet<string> = new Set(['numeric', 'categorical', 'text']);

/** Whether a value (parsed JSON, a message) has the shape of a DatasetSchema. */
export function isDatasetSchema(value: unknown): value is DatasetSchema {
  return describeSchemaProblem(value) === undefined;
}

export function describeSchemaProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'it is not an object';
  const s = value as Record<string, unknown>;
  if (s.version !== 1) return 'its version is not 1';
  if (typeof s.label !== 'string') return "'label' is not a string";
  if (!isStringArray(s.classes)) return "'classes' is not a list of strings";
  if (!Array.isArray(s.columns)) return "'columns' is not a list";
  for (const [i, c] of s.columns.entries()) {
    const col = c as Record<string, unknown>;
    if (typeof c !== 'object' || c === null || typeof col.name !== 'string') return `column ${i + 1} has no name`;
    if (!ROLES.has(col.role as string))
      return `column '${col.name}' has role '${String(col.role)}' (label, feature or ignored)`;
    if (!TYPES.has(col.type as string))
      return `column '${col.name}' has type '${String(col.type)}' (numeric, categorical or text)`;
    if (col.levels !== undefined && !isStringArray(col.levels))
      return `column '${col.name}': 'levels' is not a list of strings`;
    for (const flag of ['missingIndicator', 'missingLevel'] as const) {
      if (col[flag] !== undefined && typeof col[flag] !== 'boolean')
        return `column '${col.name}': '${flag}' is not true or false`;
    }
  }
  return undefined;
}

function checkSchemaShape(schema: DatasetSchema, file: string): void {
  const problem = describeSchemaProblem(schema);
  if (problem) throw new DataFileError(file, `the schema cannot be used: ${problem}`);
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}
