import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createEvaluationRecorder } from './evaluation-recorder.ts';

describe('evaluation recorder', () => {
  it('writes one batch per environment per flush, keeps a failed batch for the next, flushes on close', async () => {
    const writes: [string, string[]][] = [];
    let fail = true;
    const errors: unknown[] = [];
    const recorder = createEvaluationRecorder({
      intervalMs: 60_000,
      onError: (error) => errors.push(error),
      record: async (environment, keys) => {
        if (fail) throw new Error('database down');
        writes.push([environment, [...keys].sort()]);
      },
    });
    recorder.noteOne('development', 'a');
    recorder.note('development', ['a', 'b']);
    recorder.note('production', ['c']);
    assert.deepEqual(writes, [], 'nothing is written per evaluation');
    await recorder.flush();
    assert.equal(errors.length, 2);
    fail = false;
    recorder.noteOne('development', 'd');
    await recorder.close();
    assert.deepEqual(writes.sort(), [
      ['development', ['a', 'b', 'd']],
      ['production', ['c']],
    ]);
    await recorder.flush();
    assert.equal(writes.length, 2, 'nothing pending, nothing written');
  });
});
