import { binaryTableBuilder, checkBinarySize, finishBinaryTable } from './binaryTable';
import type { ByteSource } from './byteSource';
import type { RawColumn } from './columnBuilder';
import type { ReadColumnsOptions } from './columnReader';
import { listNames } from './columnNames';
import { DataFileError } from './dataFileError';
import type { NpyArray } from './npyArray';
import { openNpzArchive } from './npzArchive';
import type { ColumnTable } from './tableBuilder';

/** The arrays a .npz dataset is read from, the first of each list the archive has. */
export const NPZ_FEATURE_KEYS = ['x', 'X', 'features'] as const;
export const NPZ_LABEL_KEYS = ['y', 'labels', 'label'] as const;
/** Optional: a 1-D text array of the features' names (default x0 … x{d−1}). */
export const NPZ_NAMES_KEY = 'feature_names';

/** Feature values read per step: about 1 M (8 MB as float64), whole rows. */
const STEP_VALUES = 1 << 20;

/**
 * A dataset from a .npz archive (numpy.savez / savez_compressed): a 2-D array of features, rows ×
 * features (`x`, `X` or `features`; numbers, NaN for a missing cell), and a 1-D array of labels
 * (`y`, `labels` or `label`; integers, or text such as numpy.array(['setosa', …])). The features
 * are columns x0 … x{d−1}, or as `feature_names` names them; the label column is named as its array.
 */
export async function readNpzTable<C = RawColumn>(
  source: ByteSource,
  file: string,
  options: ReadColumnsOptions<C> = {},
): Promise<ColumnTable<C>> {
  checkBinarySize(source.size, file, options);
  const archive = await openNpzArchive(source, file);
  const xKey = archive.first(NPZ_FEATURE_KEYS);
  if (xKey === undefined) throw archive.missing(`of features 'x' (or 'X', 'features'), rows × features`);
  const yKey = archive.first(NPZ_LABEL_KEYS);
  if (yKey === undefined) throw archive.missing(`of labels 'y' (or 'labels', 'label'), one per row`);
  const x = await archive.open(xKey);
  const y = await archive.open(yKey);
  const { rows, features } = checkShapes(file, x, y);
  const names = archive.has(NPZ_NAMES_KEY)
    ? await featureNames(file, await archive.open(NPZ_NAMES_KEY), features, yKey)
    : Array.from({ length: features }, (_, j) => `x${j}`);
  const used = new Set([xKey, yKey, NPZ_NAMES_KEY]);
  const unused = archive.keys.filter((k) => !used.has(k));
  const notes = unused.length ? [`arrays not used (a dataset is ${xKey} and ${yKey}): ${listNames(unused)}`] : [];
  const builder = binaryTableBuilder(file, 'npz', [...names, yKey], rows, options);
  const step = Math.max(1, Math.floor(STEP_VALUES / Math.max(features, 1)));
  for (let start = 0; start < rows; start += step) {
    const count = Math.min(step, rows - start);
    const values = await x.next(count * features);
    const labels = y.header.text ? await y.nextText(count) : checkLabels(file, y, await y.next(count), start);
    builder.addColumnarRows(count, start + 1, (sink, j) => {
      if (j === features) for (let i = 0; i < count; i++) sink.pushJson(labels[i]);
      else
        for (let i = 0; i < count; i++) {
          const v = values[i * features + j];
          sink.pushJson(v === v ? v : null);
        }
    });
    options.onProgress?.((start + count) / rows);
  }
  return finishBinaryTable(builder, [], notes);
}

function checkShapes(file: string, x: NpyArray, y: NpyArray): { rows: number; features: number } {
  const shape = x.header.shape;
  if (x.header.dtype === 'text')
    throw new DataFileError(file, `holds text (dtype '${x.header.descr}'); the features must be numbers`, {
      part: x.where,
    });
  if (shape.length !== 2)
    throw new DataFileError(
      file,
      `has shape (${shape.join(', ')}); expected (rows, features)${shape.length === 1 ? ': for one feature, x.reshape(-1, 1)' : ''}`,
      { part: x.where },
    );
  const [rows, features] = shape;
  if (features === 0) throw new DataFileError(file, 'has no features (its second dimension is 0)', { part: x.where });
  const labelShape = y.header.shape;
  if (labelShape.length < 1 || labelShape.length > 2 || (labelShape.length === 2 && labelShape[1] !== 1))
    throw new DataFileError(file, `has shape (${labelShape.join(', ')}); expected (rows,): one label per row`, {
      part: y.where,
    });
  if (labelShape[0] !== rows)
    throw new DataFileError(file, `holds ${labelShape[0]} labels for the ${rows} rows of ${x.where}`, {
      part: y.where,
    });
  if (rows === 0) throw new DataFileError(file, 'has no rows', { part: x.where });
  return { rows, features };
}

/** Numeric labels must be finite: NaN is no class (a missing label is an empty text label). */
function checkLabels(file: string, y: NpyArray, labels: Float64Array, start: number): Float64Array {
  for (let i = 0; i < labels.length; i++) {
    if (!Number.isFinite(labels[i]))
      throw new DataFileError(file, `the label is ${labels[i]}; labels are class numbers or names`, {
        part: y.where,
        row: start + i + 1,
      });
  }
  return labels;
}

async function featureNames(file: string, array: NpyArray, features: number, label: string): Promise<string[]> {
  const fail = (detail: string): never => {
    throw new DataFileError(file, detail, { part: array.where });
  };
  if (!array.header.text) fail(`holds ${array.header.descr} numbers; expected the features' names as text`);
  if (array.header.shape.length !== 1 || array.header.length !== features)
    fail(`has shape (${array.header.shape.join(', ')}); expected (${features},): one name per feature`);
  const names = (await array.nextText(features)).map((n) => n.trim());
  const seen = new Set<string>([label]);
  names.forEach((name, j) => {
    if (name === '') fail(`feature ${j + 1} has no name`);
    if (seen.has(name)) fail(`names '${name}' twice (or as the label array)`);
    seen.add(name);
  });
  return names;
}
