import type { Palette } from './charts';

/** The theme's colours as concrete values, so an exported SVG or PNG looks as the panel does. */
export function resolvePalette(): Palette {
  const style = getComputedStyle(document.body);
  const v = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  return {
    background: v('--vscode-editor-background', '#ffffff'),
    text: v('--vscode-foreground', '#333333'),
    axis: v('--vscode-foreground', '#333333'),
    grid: v('--vscode-editorWidget-border', '#cccccc'),
    bar: v('--vscode-charts-blue', '#1a85ff'),
    gap: v('--vscode-charts-red', '#e51400'),
    diagonal: v('--vscode-foreground', '#333333'),
    hist: v('--vscode-charts-blue', '#1a85ff'),
    'accuracy-line': v('--vscode-charts-green', '#388a34'),
    'confidence-line': v('--vscode-charts-orange', '#d18616'),
  };
}
