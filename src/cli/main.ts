import { runCalibrate } from './calibrateCommand';
import { runInspect } from './inspectCommand';
import { runTrain } from './trainCommand';
import { UsageError } from './usageError';

const USAGE = `Usage: gamma-ce <command> [options]

Commands:
  calibrate <file> [--label COL] [--bins M] [--softmax] [--json]
      Calibration report (ECE, MCE, Brier, NLL, accuracy, reliability diagram) of a
      predictions file: CSV/TSV/JSON/JSONL with one probability column per class and
      a column of true labels.

  inspect <file> [--label COL] [--schema FILE] [--seed N] [--strict] [--json]
      How a dataset (CSV/TSV/JSON/JSONL) would be trained on: the inferred schema
      (label column, classes, each column's role and type), class counts, missing
      values, features after encoding, split sizes and warnings. --schema applies a
      saved schema (the "schema" of --json output); --strict stops at ragged rows.

  train <file> [--label COL] [--model mlp|logreg] [--hidden 64[,32]] [--gamma 0.1]
        [--threshold B] [--schedule constant|linear|cosine] [--sweep 0,0.1,0.5]
        [--baselines ls,focal,ts] [--noise R] [--epochs N] [--batch N] [--lr X]
        [--weight-decay W] [--patience P] [--seed S] [--backend wasm|cpu]
        [--out DIR] [--json]
      Trains CE and γ-CE (and the chosen baselines) from the same initial weights on
      the same split, or one run per γ of --sweep, and reports test calibration.
      --threshold uses the paper's TaiLr form; --out writes report.json and one
      predictions CSV per run into a new (or empty) folder.

Options:
  -h, --help   show this help`;

export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

const processIo: Io = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

/** Runs one CLI invocation and returns its exit code: 0 success, 1 bad input, 2 bad usage. */
export async function main(argv: string[], io: Io = processIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'calibrate':
        return await runCalibrate(rest, io);
      case 'inspect':
        return await runInspect(rest, io);
      case 'train':
        return await runTrain(rest, { ...io, isTTY: io === processIo && Boolean(process.stderr.isTTY) });
      case undefined:
      case '-h':
      case '--help':
      case 'help':
        io.stdout(`${USAGE}\n`);
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(`unknown command '${command}'`);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`gamma-ce: ${error.message}\n\n${USAGE}\n`);
      return 2;
    }
    throw error;
  }
}
