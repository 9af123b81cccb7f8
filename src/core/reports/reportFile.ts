/** A file that a report consists of, for the front end to write where the user chose. */
export interface ReportFile {
  name: string;
  content: string | Uint8Array;
}

/** The bytes to write: text as UTF-8. */
export function fileBytes(content: string | Uint8Array): Uint8Array {
  return typeof content === 'string' ? new TextEncoder().encode(content) : content;
}

/** An exported figure: `<base>.svg`, `<base>.png` and `<base>.json` with the numbers it shows. */
export function figureFiles(base: string, figure: { svg: string; png: Uint8Array; metrics: unknown }): ReportFile[] {
  return [
    { name: `${base}.svg`, content: figure.svg },
    { name: `${base}.png`, content: figure.png },
    { name: `${base}.json`, content: `${JSON.stringify(figure.metrics, null, 2)}\n` },
  ];
}
