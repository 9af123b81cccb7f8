/** The usage text of each subcommand; `gamma-ce --help` shows them all, `gamma-ce <command> --help` one. */
export const COMMAND_USAGE = {
  calibrate: `calibrate <file> [--label COL] [--bins M] [--softmax] [--convention guo|torchmetrics|netcal] [--json]
        [--probs COL|KEY] [--labels KEY|FILE]
      Calibration report (ECE, MCE, smooth ECE, Brier, NLL, accuracy, reliability diagram)
      of a predictions file: CSV/TSV/JSON/JSONL with one probability column per class and
      a column of true labels; Parquet (a column per class, or a list column --probs COL,
      plus --label COL), .npz (arrays probs or logits, and labels; --probs/--labels KEY) or
      a .npy of probabilities with --labels labels.npy, streamed in one pass. A file with
      columns (arrays) confidence and correct gets the top-label metrics only. --convention computes ECE and MCE as torchmetrics 1.9 or
      netcal 1.3 do (their default bins unless --bins); guo is the default.`,

  recalibrate: `recalibrate <file> --method temperature|histogram|isotonic [--folds 5] [--seed S]
        [--bins M] [--label COL] [--softmax] [--probs COL|KEY] [--labels KEY|FILE]
        [--out calibrator.json] [--json]
      Fits a calibrator on the whole file (--out writes it as JSON) and reports ECE,
      smooth ECE, NLL, Brier and accuracy before and after, k-fold cross-validated.
      Reads the formats of calibrate, with the same --probs and --labels.`,

  compare: `compare <A> <B> [--id COL] [--label COL] [--softmax] [--bins M] [--resamples 1000]
        [--seed S] [--probs COL|KEY] [--labels KEY|FILE] [--json]
      Two models' predictions on the same examples (rows matched by the id column,
      'id' if both files have one, else by position; labels must agree): each metric
      for A and B and B − A with a paired bootstrap 95 % interval. Reads the formats
      of calibrate (--probs and --labels apply to each Parquet/NumPy file; those are
      matched by position).`,

  inspect: `inspect <file> [--label COL] [--schema FILE] [--seed N] [--strict] [--json]
      How a dataset (CSV/TSV/JSON/JSONL) would be trained on: the inferred schema
      (label column, classes, each column's role and type), class counts, missing
      values, features after encoding, split sizes and warnings. --schema applies a
      saved schema (the "schema" of --json output); --strict stops at ragged rows.`,

  train: `train <file> [--label COL] [--model mlp|logreg] [--hidden 64[,32]] [--gamma 0.1]
        [--threshold B] [--tailr-smoothing E] [--schedule constant|linear|cosine]
        [--sweep 0,0.1,0.5] [--baselines ls,focal,ts,gce,sce,mae] [--gce-q 0.7]
        [--noise R | --noise-sweep 0,0.2,0.4] [--seeds N] [--fixed-split]
        [--epochs N] [--batch N] [--lr X] [--weight-decay W] [--patience P]
        [--seed S] [--backend wasm|cpu] [--workers N] [--out DIR] [--json] [--export-torch DIR]
      Trains CE and γ-CE (and the chosen baselines) from the same initial weights on
      the same split, or one run per γ of --sweep, and reports test calibration.
      --threshold uses the paper's TaiLr form (--tailr-smoothing adds the official
      code's label smoothing); gce, sce and mae (γ-CE at γ = 1) are the losses for
      noisy labels. --seeds N (1–20) repeats everything for seeds S…S+N−1, each with
      its own split (--fixed-split keeps it), and reports means with 95 % Student t
      intervals and differences from CE paired by seed; --noise-sweep does so at each
      training-label noise rate (validation and test stay clean). --out writes
      report.json, report.md and one predictions CSV per run (and seed) into a new
      (or empty) folder. --workers N trains the runs (and seeds) on N worker threads
      (default: one per run, up to the cores; 0: in this thread); the numbers are the
      same whatever N. --export-torch DIR writes, instead of training, a PyTorch
      project (train.py, config.json, initial weights, README) that repeats the
      training with python or torchrun.`,

  lm: `lm <file>… [--gamma 1e-7] [--threshold 0.2] [--objective tailr|gamma-ce]
        [--schedule constant|linear|cosine] [--steps 300] [--context 64] [--layers 2]
        [--dim 64] [--heads 4] [--batch 16] [--lr 0.003] [--seed S] [--samples 3]
        [--length 300] [--temperature 1] [--top-k K] [--backend wasm|cpu] [--workers N]
        [--out DIR] [--json]
      Trains a character-level causal Transformer on the text files with plain CE and with
      TaiLr (the paper's preset γ = 1e-7, b = 0.2; --objective gamma-ce uses γ-CE's closed
      form, --schedule raises γ over the steps) from the same initial weights and batches.
      The last 10 % of each file is held out: bits/char, perplexity, next-character accuracy
      and top-label ECE on it; samples from the same prompts and seeds with rep-n and
      distinct-n (words), and the held-out text's as the reference. --out writes
      report.json, report.txt and one per-character predictions CSV per run (the
      calibration panel's format) into a new (or empty) folder. --workers N trains the runs on
      N worker threads (default: one per run, up to the cores; 0: in this thread); the numbers
      are the same whatever N.`,
} as const;

export type CommandName = keyof typeof COMMAND_USAGE;

const HELP_OPTION = `Options:
  -h, --help   show this help`;

export const USAGE = `Usage: gamma-ce <command> [options]

Commands:
${Object.values(COMMAND_USAGE)
  .map((text) => `  ${text}`)
  .join('\n\n')}

${HELP_OPTION}`;

export function commandUsage(command: CommandName): string {
  return `Usage: gamma-ce ${COMMAND_USAGE[command]}\n\n${HELP_OPTION}`;
}

export function isCommand(name: string | undefined): name is CommandName {
  return name !== undefined && Object.prototype.hasOwnProperty.call(COMMAND_USAGE, name);
}

/** Whether -h or --help stands among the arguments (before a `--` that ends the options). */
export function asksForHelp(args: readonly string[]): boolean {
  for (const arg of args) {
    if (arg === '--') return false;
    if (arg === '-h' || arg === '--help') return true;
  }
  return false;
}
