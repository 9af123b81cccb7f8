import { TrainConfigError } from '../core/train/config';

/** The message of an error that a training setting caused (withInputFile's settings hook), else undefined. */
export function trainSettingsProblem(error: unknown): string | undefined {
  return error instanceof TrainConfigError || error instanceof RangeError ? error.message : undefined;
}
