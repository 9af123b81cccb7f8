import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { loadDataset, loadDatasetFromStream } from '../../src/core/data/dataset';
import { BINARY_SNIFF_BYTES } from '../../src/core/data/notText';
import { readPredictions } from '../../src/core/predictions';

const FIXTURES = path.join(__dirname, '..', '..', '..', 'test', 'fixtures');

/** The message each reader gives: the calibration panel's (predictions), the training panel's (dataset, whole and streamed in small chunks). */
async function messages(bytes: Uint8Array, file: string): Promise<string[]> {
  const caught = async (read: () => unknown) => {
    try {
      await read();
    } catch (error) {
      return (error as Error).message;
    }
    return 'no error';
  };
  const chunks = function* (size: number) {
    for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
  };
  return [
    await caught(() => readPredictions(bytes, file)),
    await caught(() => loadDataset(bytes, file)),
    await caught(() => loadDatasetFromStream(chunks(1), file)),
    await caught(() => loadDatasetFromStream(chunks(4096), file)),
  ];
}

describe('files that are not UTF-8 text: one wording for every reader', () => {
  it('calls a binary file binary and says what to save it as', async () => {
    const png = fs.readFileSync(path.join(FIXTURES, '..', '..', 'media', 'icon.png'));
    const all = await messages(png, 'icon.png');
    assert.deepStrictEqual(
      new Set(all),
      new Set([
        'icon.png: is a binary file, not text (a zero byte at offset 8); export the data as CSV, TSV, JSON or JSONL',
      ]),
    );
  });

  it('finds a zero byte anywhere in the first 8000 bytes, and only there', async () => {
    const text = Buffer.from(`a,b,label\n${'0.5,0.5,a\n'.repeat(1000)}`);
    const late = Buffer.from(text);
    late[BINARY_SNIFF_BYTES - 1] = 0;
    assert.deepStrictEqual(
      new Set(await messages(late, 'late.csv')),
      new Set([
        `late.csv: is a binary file, not text (a zero byte at offset ${BINARY_SNIFF_BYTES - 1}); export the data as CSV, TSV, JSON or JSONL`,
      ]),
    );
    const later = Buffer.from(text);
    later[BINARY_SNIFF_BYTES] = 0;
    for (const message of await messages(later, 'later.csv')) assert.doesNotMatch(message, /binary/);
  });

  it('recognises UTF-16 text, with or without a byte-order mark', async () => {
    const body = 'a,b,label\n0.2,0.8,b\n0.6,0.4,a\n';
    for (const bytes of [
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(body, 'utf16le')]),
      Buffer.from(body, 'utf16le'),
      Buffer.from(Buffer.from(body, 'utf16le').swap16()),
    ]) {
      assert.deepStrictEqual(
        new Set(await messages(bytes, 'wide.csv')),
        new Set(['wide.csv: is UTF-16 text, not UTF-8; save it as UTF-8']),
      );
    }
  });

  it('words a bad UTF-8 byte in text alike, with its line and offset', async () => {
    for (const fixture of [
      path.join('predictions', 'invalid-utf8.csv'),
      path.join('datasets', 'bad', 'invalid-utf8.csv'),
    ]) {
      const all = await messages(fs.readFileSync(path.join(FIXTURES, fixture)), 'x.csv');
      assert.strictEqual(new Set(all).size, 1, all.join('\n'));
      assert.match(
        all[0],
        /^x\.csv, line 3: is not valid UTF-8 text \(byte \d+ of the line, offset \d+ in the file\)$/,
      );
    }
  });
});
