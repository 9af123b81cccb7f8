import { asksForHelp, CommandName, commandUsage, isCommand, USAGE } from './usage';
import { UsageError } from './usageError';

export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

const processIo: Io = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

type Command = (args: string[], io: Io) => Promise<number>;

// Each command's module is loaded when it runs: TensorFlow.js (about 100 ms to load) only for those
// that train, and `gamma-ce train` loads it in its workers, not on the thread that parses the file.
const COMMANDS: Record<CommandName, () => Promise<Command>> = {
  calibrate: async () => (await import('./calibrateCommand')).runCalibrate,
  recalibrate: async () => (await import('./recalibrateCommand')).runRecalibrate,
  compare: async () => (await import('./compareCommand')).runCompare,
  inspect: async () => (await import('./inspectCommand')).runInspect,
  lm: async () => (await import('./lmCommand')).runLm,
  train: async () => {
    const { runTrain } = await import('./trainCommand');
    return (args, io) => runTrain(args, { ...io, isTTY: io === processIo && Boolean(process.stderr.isTTY) });
  },
};

/** Runs one CLI invocation and returns its exit code: 0 success, 1 bad input, 2 bad usage. */
export async function main(argv: string[], io: Io = processIo): Promise<number> {
  const [command, ...rest] = argv;
  if (isCommand(command)) {
    if (asksForHelp(rest)) {
      io.stdout(`${commandUsage(command)}\n`);
      return 0;
    }
    try {
      return await (
        await COMMANDS[command]()
      )(rest, io);
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      io.stderr(`gamma-ce: ${error.message}\n\n${commandUsage(command)}\n`);
      return 2;
    }
  }
  if (command === 'help' && isCommand(rest[0])) {
    io.stdout(`${commandUsage(rest[0])}\n`);
    return 0;
  }
  if (command === undefined || command === '-h' || command === '--help' || command === 'help') {
    io.stdout(`${USAGE}\n`);
    return command === undefined ? 2 : 0;
  }
  io.stderr(`gamma-ce: unknown command '${command}'\n\n${USAGE}\n`);
  return 2;
}
