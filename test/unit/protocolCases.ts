import * as assert from 'assert';
import type { Parsed } from '../../src/extension/webviewProtocol';

/** A message that must be refused, and the problem it must be refused for (field path first). */
export type Refused = [message: unknown, problem: RegExp];

const shown = (value: unknown) => JSON.stringify(value)?.slice(0, 160);

/** Each message parses, as sent over JSON, to itself. */
export function acceptsAll<T>(parse: (value: unknown) => Parsed<T>, messages: unknown[]): void {
  for (const message of messages) {
    const sent = JSON.parse(JSON.stringify(message));
    const parsed = parse(sent);
    assert.ok(parsed.ok, `${shown(message)} was refused: ${parsed.ok ? '' : parsed.problem}`);
    assert.deepStrictEqual(parsed.value, sent);
  }
}

export function refusesAll<T>(parse: (value: unknown) => Parsed<T>, cases: Refused[]): void {
  for (const [message, problem] of cases) {
    const parsed = parse(message);
    if (parsed.ok) assert.fail(`${shown(message)} was accepted`);
    if (!problem.test(parsed.problem))
      assert.fail(`${shown(message)}: refused for '${parsed.problem}', not ${problem}`);
  }
}
