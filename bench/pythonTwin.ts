// bench/torch_lm.py as a long-lived child process, one JSON request and answer a line: PyTorch is
// imported once, and its timings can be interleaved with ours step round by step round.
import { ChildProcessWithoutNullStreams, spawn } from 'child_process';
import * as readline from 'readline';

export interface StepTimes {
  ms: number[];
  /** CPU time of the process (every thread) per step. */
  cpu: number[];
}

export class PythonTwin {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly answers: Array<(line: string) => void> = [];
  private stderr = '';

  constructor(script: string, args: string[]) {
    this.child = spawn('/usr/bin/python3', [script, ...args]);
    this.child.stderr.setEncoding('utf8').on('data', (s: string) => (this.stderr += s));
    readline.createInterface({ input: this.child.stdout }).on('line', (line) => this.answers.shift()?.(line));
    this.child.on('exit', (code) => {
      for (const answer of this.answers.splice(0))
        answer(JSON.stringify({ error: `python exited (${code}): ${this.stderr}` }));
    });
  }

  private ask<T>(request: object): Promise<T> {
    return new Promise((resolve, reject) => {
      this.answers.push((line) => {
        const answer = JSON.parse(line) as T & { error?: string };
        if (answer.error) reject(new Error(answer.error));
        else resolve(answer);
      });
      this.child.stdin.write(`${JSON.stringify(request)}\n`);
    });
  }

  /** The loss before each of `steps` Adam steps from `weights` on one batch. */
  async losses(weights: Float32Array[], inputs: Int32Array, targets: Int32Array, steps: number): Promise<number[]> {
    const answer = await this.ask<{ losses: number[] }>({
      cmd: 'check',
      weights: weights.map((w) => Array.from(w)),
      inputs: Array.from(inputs),
      targets: Array.from(targets),
      steps,
    });
    return answer.losses;
  }

  /** Wall and CPU milliseconds of each of `steps` training steps with `threads` threads (0: PyTorch's default). */
  stepTimes(threads: number, steps: number): Promise<StepTimes & { threads: number }> {
    return this.ask({ cmd: 'time', threads, steps });
  }

  close(): void {
    this.child.stdin.end();
  }
}
