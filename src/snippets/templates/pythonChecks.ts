// The argument checks every Python template starts with, and indentation of shared blocks.
export const CHECK_GAMMA = `    if not 0.0 <= gamma <= 1.0:
        raise ValueError(f"gamma must be in [0, 1], got {gamma}")`;

export const CHECK_THRESHOLD = `    if not 0.0 <= threshold <= 1.0:
        raise ValueError(f"threshold must be in [0, 1], got {threshold}")`;

/** Every line of `text` indented by `spaces`. */
export function indent(text: string, spaces: number): string {
  return text.split('\n').map((line) => ' '.repeat(spaces) + line).join('\n');
}
