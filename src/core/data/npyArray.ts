import { DataFileError } from './dataFileError';
import { int64Numbers } from './int64Numbers';
import type { SequentialBytes } from './sequentialBytes';

/** The number types read (fixed-width text too, by nextText); anything else (big-endian, objects, complex) is refused by name. */
const DTYPES = {
  '<f2': { size: 2, kind: 'float' },
  '<f4': { size: 4, kind: 'float' },
  '<f8': { size: 8, kind: 'float' },
  '<i4': { size: 4, kind: 'int' },
  '<i8': { size: 8, kind: 'int' },
  '|u1': { size: 1, kind: 'int' },
  '|i1': { size: 1, kind: 'int' },
  '|b1': { size: 1, kind: 'int' },
} as const;
type Dtype = keyof typeof DTYPES;

export interface NpyHeader {
  /** A number type, or `text` for fixed-width strings (`<U12`, `|S12`; read with nextText). */
  dtype: Dtype | 'text';
  /** As the file spells it. */
  descr: string;
  shape: number[];
  /** Elements in all. */
  length: number;
  /** Text arrays: bytes per element and their encoding (UTF-32 for `<U`, bytes for `|S`). */
  text?: { size: number; utf32: boolean };
}

const TEXT_DTYPE = /^([<|=]?)([US])(\d+)$/;

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59];
const MAX_HEADER = 1024 * 1024;

/**
 * An array of a .npy file (or of a .npz member), read from its bytes in order: the header, then
 * `next(n)` elements at a time as float64 numbers. Messages name it `array '<name>'`.
 */
export class NpyArray {
  readonly where: string;

  private constructor(
    private readonly bytes: SequentialBytes,
    readonly file: string,
    readonly name: string,
    readonly header: NpyHeader,
  ) {
    this.where = `array '${name}'`;
  }

  static async open(bytes: SequentialBytes, file: string, name: string): Promise<NpyArray> {
    const where = `array '${name}'`;
    const fail = (detail: string): never => {
      throw new DataFileError(file, detail, { part: where });
    };
    const start = await bytes.read(10, () => fail('is not a NumPy .npy array: the file ends inside its header'));
    if (!MAGIC.every((b, i) => start[i] === b)) fail('is not a NumPy .npy array (no \\x93NUMPY magic)');
    const major = start[6];
    if (major < 1 || major > 3) fail(`has .npy format version ${major}.${start[7]}, which is not known`);
    let headerLength: number;
    if (major === 1) headerLength = start[8] | (start[9] << 8);
    else {
      const more = await bytes.read(2, () => fail('the file ends inside the .npy header'));
      headerLength = (start[8] | (start[9] << 8) | (more[0] << 16) | (more[1] << 24)) >>> 0;
    }
    if (headerLength > MAX_HEADER) fail(`its .npy header claims ${headerLength} bytes`);
    const text = new TextDecoder('latin1').decode(
      await bytes.read(headerLength, () => fail('the file ends inside the .npy header')),
    );
    return new NpyArray(bytes, file, name, parseHeader(text, fail));
  }

  /** The next `count` elements (throws, naming the element, when the file ends first). */
  async next(count: number): Promise<Float64Array> {
    const { dtype, descr } = this.header;
    if (dtype === 'text')
      throw new DataFileError(this.file, `holds text (dtype '${descr}'), not numbers`, { part: this.where });
    return decode(dtype, await this.readElements(count, DTYPES[dtype].size), count);
  }

  /** The next `count` elements of a text array, trailing NULs dropped. */
  async nextText(count: number): Promise<string[]> {
    const { text } = this.header;
    if (!text) throw new Error('nextText on an array of numbers');
    const raw = await this.readElements(count, text.size);
    const out = new Array<string>(count);
    if (text.utf32) {
      const view = new DataView(raw.buffer, raw.byteOffset, raw.length);
      const chars = text.size / 4;
      for (let i = 0; i < count; i++) {
        let s = '';
        for (let c = 0; c < chars; c++) {
          const code = view.getUint32((i * chars + c) * 4, true);
          if (code === 0) break;
          s += code <= 0x10ffff ? String.fromCodePoint(code) : '\ufffd';
        }
        out[i] = s;
      }
    } else {
      const decoder = new TextDecoder();
      for (let i = 0; i < count; i++) {
        const item = raw.subarray(i * text.size, (i + 1) * text.size);
        const end = item.indexOf(0);
        out[i] = decoder.decode(end < 0 ? item : item.subarray(0, end));
      }
    }
    return out;
  }

  private readElements(count: number, size: number): Promise<Uint8Array> {
    return this.bytes.read(count * size, (got) => {
      throw new DataFileError(
        this.file,
        `the data ends after ${Math.floor(got / size)} of the ${count} elements being read (the file is truncated)`,
        { part: this.where },
      );
    });
  }
}

function parseHeader(text: string, fail: (detail: string) => never): NpyHeader {
  const descr = /'descr'\s*:\s*'([^']*)'/.exec(text)?.[1];
  const fortran = /'fortran_order'\s*:\s*(True|False)/.exec(text)?.[1];
  const shapeText = /'shape'\s*:\s*\(([^)]*)\)/.exec(text)?.[1];
  if (descr === undefined || fortran === undefined || shapeText === undefined)
    return fail(`has a .npy header that is not a NumPy array description: ${printable(text.trim().slice(0, 120))}`);
  if (fortran === 'True')
    return fail('is in Fortran (column-major) order; save it in C order (numpy.ascontiguousarray) first');
  const shape = shapeOf(shapeText, fail);
  const length = shape.reduce((a, b) => a * b, 1);
  const textType = TEXT_DTYPE.exec(descr);
  if (textType) {
    const utf32 = textType[2] === 'U';
    const size = Number(textType[3]) * (utf32 ? 4 : 1);
    return { dtype: 'text', descr, shape, length, text: { size: Math.max(size, 1), utf32 } };
  }
  const normal = descr.replace(/^=/, '<');
  if (!(normal in DTYPES)) {
    if (descr.startsWith('>')) return fail(`is big-endian (dtype '${descr}'); save it little-endian (astype('<f8'))`);
    if (descr.includes('O'))
      return fail(
        `holds Python objects (dtype '${descr}'), not numbers or text; save it with astype(str) or astype(float)`,
      );
    return fail(`has dtype '${descr}'; expected float16/32/64, int32/int64, uint8, int8 or bool, little-endian`);
  }
  return { dtype: normal as Dtype, descr, shape, length };
}

/** Text of a damaged header fit for a one-line message: control characters shown as `?`. */
function printable(text: string): string {
  let out = '';
  for (const c of text) out += c < ' ' || (c >= '\u007f' && c <= '\u009f') ? '?' : c;
  return out;
}

function shapeOf(shapeText: string, fail: (detail: string) => never): number[] {
  const shape = shapeText
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map(Number);
  if (shape.some((d) => !Number.isSafeInteger(d) || d < 0)) return fail(`has a bad shape (${shapeText})`);
  return shape;
}

function decode(dtype: Dtype, raw: Uint8Array, count: number): Float64Array {
  // `raw` is an array of its own, at offset 0 of its buffer (SequentialBytes.read), so views are aligned.
  const buffer = raw.buffer;
  const at = raw.byteOffset;
  switch (dtype) {
    case '<f8':
      return at % 8 === 0 ? new Float64Array(buffer, at, count) : new Float64Array(raw.slice().buffer, 0, count);
    case '<f4':
      return Float64Array.from(aligned(raw, 4, (b, o) => new Float32Array(b, o, count)));
    case '<i4':
      return Float64Array.from(aligned(raw, 4, (b, o) => new Int32Array(b, o, count)));
    case '<i8': {
      const words = aligned(raw, 8, (b, o) => ({ b, o }));
      return int64Numbers(words.b, words.o, count);
    }
    case '<f2': {
      const half = aligned(raw, 2, (b, o) => new Uint16Array(b, o, count));
      const out = new Float64Array(count);
      for (let i = 0; i < count; i++) out[i] = halfToNumber(half[i]);
      return out;
    }
    case '|i1':
      return Float64Array.from(new Int8Array(buffer, at, count));
    default:
      return Float64Array.from(raw.subarray(0, count));
  }
}

function aligned<T>(raw: Uint8Array, size: number, view: (buffer: ArrayBufferLike, offset: number) => T): T {
  return raw.byteOffset % size === 0 ? view(raw.buffer, raw.byteOffset) : view(raw.slice().buffer, 0);
}

/** IEEE 754 binary16 → number. */
export function halfToNumber(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exponent = (h >> 10) & 0x1f;
  const fraction = h & 0x3ff;
  if (exponent === 0) return sign * fraction * 2 ** -24;
  if (exponent === 0x1f) return fraction ? NaN : sign * Infinity;
  return sign * (1 + fraction / 1024) * 2 ** (exponent - 15);
}
