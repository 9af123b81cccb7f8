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
