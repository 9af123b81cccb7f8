import type { TorchProjectInput } from './projectConfig';

/** README.md of an exported project: what it repeats and the commands. */
export function projectReadme(input: TorchProjectInput): string {
  const { config, draws } = input;
  const seeds = [...new Set(draws.map((d) => d.seed))];
  return `# γ-CE Lab experiment, exported as a PyTorch project

Repeats the experiment on \`${draws[0].data.file}\` as γ-CE Lab configured it: the same schema and
fitted feature transforms, split rows, initial weights (seed${seeds.length > 1 ? 's' : ''} ${seeds.join(', ')}),
losses, Adam (ε = 1e-7, bias-corrected), γ schedule (${config.schedule}), ${config.epochs} epochs,
batches of ${config.batchSize} in the lab's order, learning rate ${config.learningRate}${
    config.patience > 0 ? `, early stopping after ${config.patience} epochs` : ''
  }.

Needs Python 3 with \`torch\` and \`numpy\` only.

## Commands

One process (\`--device cuda\` for a GPU):

    python train.py --out run-1

Several processes on one node, with DistributedDataParallel (gloo on CPU, nccl with \`--device cuda\`):

    torchrun --nproc_per_node=4 train.py --out run-2 --device cuda

Where \`torchrun\` is not on PATH, \`python -m torch.distributed.run\` is the same program. Debian's
torch 1.13 on Python 3.11 cannot parse torchrun's default \`--redirects 0\`; add
\`--redirects 1 --tee 1\` there.

The dataset is read from \`${input.dataset.path}\` (relative to this folder); if it has moved,
pass \`--data PATH\`.

## Outputs

\`OUT/report.json\` is shaped like \`gamma-ce train --json\` (the smooth ECE is left null: compute
it with \`gamma-ce calibrate\`; a seed study has its summary and evidence), and \`OUT/predictions-*.csv\` holds each run's test-split
probabilities, which \`gamma-ce calibrate OUT/predictions-….csv\` and the calibration panel open as
they are.

## What is exact

The encoded features, split, initial weights, batch order and label noise are the lab's, bit for
bit. Training is not quite: torch and tfjs round float32 matrix products differently, so the
weights drift apart by rounding over the epochs (on Digits, 50 epochs: training losses within 1e-7
of the lab's, test metrics equal to six decimals; longer runs drift further). Under
torchrun every global batch is the lab's, cut into one share per process, and DDP averages the
gradients, which adds its own rounding.
`;
}
