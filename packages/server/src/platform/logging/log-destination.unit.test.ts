import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { logDestination } from './log-destination.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'keystone-logdest-'));
after(() => rmSync(dir, { recursive: true, force: true }));

async function nextTurn(): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
  await new Promise((resolve) => setTimeout(resolve, 20));
}

describe('log destination', () => {
  it('writes the lines of one turn together, in order, by the next turn', async () => {
    const file = path.join(dir, 'turn.log');
    const destination = logDestination(file);
    for (let i = 0; i < 5; i++) destination.write(`{"n":${i}}\n`);
    await nextTurn();
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    assert.deepEqual(
      lines.map((l) => JSON.parse(l).n),
      [0, 1, 2, 3, 4],
    );
    destination.end();
  });

  it('hands over a long synchronous burst every few hundred lines, without waiting for a turn', async () => {
    const file = path.join(dir, 'burst.log');
    // A descriptor, as standard output is: ready at once (a path is opened asynchronously).
    const destination = logDestination(openSync(file, 'a'));
    for (let i = 0; i < 1000; i++) destination.write(`{"n":${i}}\n`);
    // Chunks handed over during the burst are already being written (asynchronously): the
    // burst did not wait for a turn. flushSync writes the rest; the in-flight chunk lands next.
    destination.flushSync();
    await new Promise<void>((resolve) => destination.flush(() => resolve()));
    const numbers = readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line).n as number)
      .sort((a, b) => a - b);
    assert.deepEqual(
      numbers,
      Array.from({ length: 1000 }, (_, i) => i),
    );
    destination.end();
  });

  it('loses nothing when the process exits in the same turn as it logged', () => {
    const file = path.join(dir, 'exit.log');
    const script = `
      import { logDestination } from ${JSON.stringify(new URL('./log-destination.ts', import.meta.url).href)};
      import { openSync } from 'node:fs';
      const d = logDestination(openSync(${JSON.stringify(file)}, 'a'));
      for (let i = 0; i < 300; i++) d.write('{"n":' + i + '}\\n');
      process.exit(3);
    `;
    const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    assert.equal(result.status, 3, result.stderr);
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    // Every line, once. (At exit, a chunk already in an asynchronous write may land after the
    // chunk flushed synchronously, so the order across that boundary is not guaranteed.)
    const numbers = lines.map((line) => JSON.parse(line).n as number).sort((a, b) => a - b);
    assert.deepEqual(
      numbers,
      Array.from({ length: 300 }, (_, i) => i),
    );
  });
});
