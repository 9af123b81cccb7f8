import type { ExportTheme } from '../../extension/calibration/protocol';
import type { Palette } from './charts';

export type ThemeKind = 'light' | 'dark' | 'high-contrast' | 'high-contrast-light';

/**
 * The reliability diagram's two gap colours, over-confident (confidence above accuracy) and
 * under-confident, per theme kind. VS Code has no theme colour for this, so they are chosen here:
 * a warm and a cool hue, each ≥ 3:1 against the editor background of its kind (WCAG non-text
 * contrast) and apart from each other in lightness as well as hue. One table serves the panel (as
 * CSS variables) and the exports.
 */
export const GAP_COLOURS: Record<ThemeKind, { over: string; under: string }> = {
  light: { over: '#b8400e', under: '#139a7e' },
  dark: { over: '#e8603c', under: '#4fd1ae' },
  'high-contrast': { over: '#ff7a3d', under: '#3ff0b8' },
  'high-contrast-light': { over: '#a83208', under: '#00705a' },
};

/** VS Code's default light theme colours, so a light export looks as the panel does in a light theme. */
export const LIGHT_PALETTE: Palette = {
  background: '#ffffff',
  text: '#3b3b3b',
  axis: '#3b3b3b',
  grid: '#e5e5e5',
  bar: '#1a85ff',
  'gap-over': GAP_COLOURS.light.over,
  'gap-under': GAP_COLOURS.light.under,
  diagonal: '#3b3b3b',
  hist: '#1a85ff',
  'accuracy-line': '#388a34',
  'confidence-line': '#d18616',
  'smooth-curve': '#c72e2e',
  'smooth-band': '#c72e2e',
  'compare-line': '#7c4dcc',
};

export function themeKind(body: HTMLElement = document.body): ThemeKind {
  const kind = body.dataset.vscodeThemeKind ?? '';
  const has = (name: string) => kind === name || body.classList.contains(name);
  // A light high-contrast theme carries both high-contrast classes.
  if (has('vscode-high-contrast-light')) return 'high-contrast-light';
  if (has('vscode-high-contrast')) return 'high-contrast';
  if (has('vscode-dark')) return 'dark';
  return 'light';
}

/**
 * Sets the gap colours of the current theme kind as --gce-gap-over / --gce-gap-under on the body
 * (the stylesheet fills the gaps with them), and again whenever VS Code switches the theme.
 * CSSOM writes are allowed under the webview's CSP, unlike style attributes.
 */
export function applyChartColours(body: HTMLElement = document.body): void {
  const apply = () => {
    const colours = GAP_COLOURS[themeKind(body)];
    body.style.setProperty('--gce-gap-over', colours.over);
    body.style.setProperty('--gce-gap-under', colours.under);
  };
  apply();
  new MutationObserver(apply).observe(body, { attributes: true, attributeFilter: ['class', 'data-vscode-theme-kind'] });
}

/** The current theme's colours as concrete values, so an exported SVG or PNG looks as the panel does. */
export function resolvePalette(): Palette {
  const style = getComputedStyle(document.body);
  const v = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  const gaps = GAP_COLOURS[themeKind()];
  return {
    background: v('--vscode-editor-background', LIGHT_PALETTE.background),
    text: v('--vscode-foreground', LIGHT_PALETTE.text),
    axis: v('--vscode-foreground', LIGHT_PALETTE.axis),
    grid: v('--vscode-editorWidget-border', LIGHT_PALETTE.grid),
    bar: v('--vscode-charts-blue', LIGHT_PALETTE.bar),
    'gap-over': gaps.over,
    'gap-under': gaps.under,
    diagonal: v('--vscode-foreground', LIGHT_PALETTE.diagonal),
    hist: v('--vscode-charts-blue', LIGHT_PALETTE.hist),
    'accuracy-line': v('--vscode-charts-green', LIGHT_PALETTE['accuracy-line']),
    'confidence-line': v('--vscode-charts-orange', LIGHT_PALETTE['confidence-line']),
    'smooth-curve': v('--vscode-charts-red', LIGHT_PALETTE['smooth-curve']),
    'smooth-band': v('--vscode-charts-red', LIGHT_PALETTE['smooth-band']),
    'compare-line': v('--vscode-charts-purple', LIGHT_PALETTE['compare-line']),
  };
}

export function exportPalette(theme: ExportTheme): Palette {
  return theme === 'light' ? LIGHT_PALETTE : resolvePalette();
}
