import * as fs from 'fs/promises';

/** Whether an output folder holds anything (a file in its place counts): the commands write only into new or empty ones. */
export async function nonEmptyDirectory(dir: string): Promise<boolean> {
  try {
    return (await fs.readdir(dir)).length > 0;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOTDIR';
  }
}

export function nonEmptyMessage(dir: string, flag: string): string {
  return `${dir} already exists and is not empty; nothing was written. Choose a new ${flag} folder.`;
}
