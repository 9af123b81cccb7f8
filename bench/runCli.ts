// The CLI as bin/gamma-ce.js runs it, from the tsc build (out/), for bench/calibrateBench.ts.
import { main } from '../src/cli/main';

void main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
