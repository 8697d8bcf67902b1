import { describe, expect, it } from 'vitest';
import { ActionQueue } from '../../../src/lib/state/action-queue';

/** A promise the test resolves or rejects by hand. */
function held() {
  let resolve!: () => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('ActionQueue', () => {
  it('runs actions one after another in the order they were asked for', async () => {
    const queue = new ActionQueue(() => undefined);
    const order: string[] = [];
    const first = held();
    const a = queue.run(async () => {
      order.push('a starts');
      await first.promise;
      order.push('a ends');
    });
    const b = queue.run(async () => void order.push('b'));
    await Promise.resolve();
    expect(order).toEqual(['a starts']);
    first.resolve();
    await Promise.all([a, b]);
    expect(order).toEqual(['a starts', 'a ends', 'b']);
  });

  it('reports a failed action and goes on with the next', async () => {
    const errors: unknown[] = [];
    const queue = new ActionQueue((error) => errors.push(error));
    const failed = queue.run(() => Promise.reject(new Error('disk full')));
    let ran = false;
    await queue.run(async () => void (ran = true));
    await failed;
    expect(errors).toEqual([new Error('disk full')]);
    expect(ran).toBe(true);
  });

  it('is writing while an action that stores something is queued or running, failed or not', async () => {
    const queue = new ActionQueue(() => undefined);
    const reading = held();
    const storing = held();
    queue.run(() => reading.promise);
    expect(queue.writing).toBe(false);
    const write = queue.run(() => storing.promise, { writes: true });
    expect(queue.writing).toBe(true);
    reading.resolve();
    await Promise.resolve();
    expect(queue.writing).toBe(true);
    storing.reject(new Error('disk full'));
    await write;
    expect(queue.writing).toBe(false);
    let settled = false;
    const slow = held();
    queue.run(() => slow.promise);
    const all = queue.settled().then(() => (settled = true));
    await Promise.resolve();
    expect(settled).toBe(false);
    slow.resolve();
    await all;
    expect(settled).toBe(true);
  });
});
