import { parseArgs, ParseArgsConfig } from 'util';
import { UsageError } from './usageError';

/** util.parseArgs with positionals allowed, its complaints turned into UsageError (exit 2). */
export function parseCliArgs<T extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: T) {
  try {
    return parseArgs({ args, allowPositionals: true, options, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}
