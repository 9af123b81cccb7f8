/** How a run is drawn everywhere (curves, legend, cards): one of the 8 run colours and a dash pattern. */
export interface RunStyle {
  colour: number;
  /** SVG stroke-dasharray; '' for a solid line. */
  dash: string;
}

/** A short line in the run's colour and pattern, for legends and headings. */
export function styleKey(style: RunStyle): string {
  const dash = style.dash ? ` stroke-dasharray="${style.dash}"` : '';
  return `<svg class="run-key" width="26" height="10" viewBox="0 0 26 10" aria-hidden="true"><line class="line run-${style.colour}" x1="1" y1="5" x2="25" y2="5" stroke-width="2.5"${dash}/></svg>`;
}
