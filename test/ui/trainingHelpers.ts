import type { FrameLocator } from 'playwright-core';

/** The inputs under `root` whose placeholder, measured in the input's font, is wider than the room it has. */
export async function clippedPlaceholders(frame: FrameLocator, root: string): Promise<string[]> {
  return frame.locator(root).evaluate((container) => {
    const context = document.createElement('canvas').getContext('2d')!;
    return [...container.querySelectorAll<HTMLInputElement>('input[placeholder]')].flatMap((input) => {
      const style = getComputedStyle(input);
      context.font = `${style.fontSize} ${style.fontFamily}`;
      const room = input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
      const needed = context.measureText(input.placeholder).width;
      return needed > room ? [`#${input.id}: ${needed.toFixed(0)} px of text in ${room.toFixed(0)} px`] : [];
    });
  });
}

/** WCAG contrast ratio of each element's text colour against the page background. */
export async function textContrasts(frame: FrameLocator, selector: string): Promise<number[]> {
  return frame.locator('body').evaluate((body, sel) => {
    const rgb = (css: string) => (css.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number);
    const luminance = ([r, g, b]: number[]) => {
      const lin = (c: number) => ((c /= 255) <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
      return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
    };
    const background = luminance(rgb(getComputedStyle(body).backgroundColor));
    return [...document.querySelectorAll(sel)].map((el) => {
      const text = luminance(rgb(getComputedStyle(el).color));
      return (Math.max(text, background) + 0.05) / (Math.min(text, background) + 0.05);
    });
  }, selector);
}
