import { describe, expect, it } from 'vitest';
import type { AnnotationWrite } from '../../../src/lib/db/annotations';
import type { AnnotationRow } from '../../../src/lib/db/rows';
import { LabelWriter } from '../../../src/lib/state/label-writer';

function write(taskId: string): AnnotationWrite {
  return { projectId: 'p', taskId, value: ['A'], status: 'labelled' };
}

/** A store whose transactions finish only when the test says so, recording each batch it was given. */
function heldStore() {
  const batches: string[][] = [];
  const finish: ((error?: Error) => void)[] = [];
  const store = (writes: AnnotationWrite[]) =>
    new Promise<AnnotationRow[]>((resolve, reject) => {
      batches.push(writes.map((w) => w.taskId));
      finish.push((error) => (error ? reject(error) : resolve(writes.map((w, i) => ({ taskId: w.taskId, revision: i }) as AnnotationRow))));
    });
  return { store, batches, finish };
}

describe('LabelWriter', () => {
  it('writes the first decision at once and those made meanwhile together in the next transaction', async () => {
    const { store, batches, finish } = heldStore();
    const writer = new LabelWriter(store);
    const first = writer.write(write('t0'));
    const second = writer.write(write('t1'));
    const third = writer.write(write('t2'));
    expect(batches).toEqual([['t0']]);
    finish[0]!();
    expect((await first).taskId).toBe('t0');
    await Promise.resolve();
    expect(batches).toEqual([['t0'], ['t1', 't2']]);
    let settled = false;
    const idle = writer.settled().then(() => (settled = true));
    await Promise.resolve();
    expect(settled).toBe(false);
    finish[1]!();
    expect((await third).taskId).toBe('t2');
    expect((await second).taskId).toBe('t1');
    await idle;
    expect(settled).toBe(true);
  });

  it('is busy from a decision asked for until its transaction committed or failed', async () => {
    const { store, finish } = heldStore();
    const frames: (() => void)[] = [];
    const writer = new LabelWriter(store, (run) => void frames.push(run));
    expect(writer.busy).toBe(false);
    const waiting = writer.writeAfterPaint(write('t0'));
    expect(writer.busy).toBe(true);
    frames.splice(0).forEach((run) => run());
    finish[0]!();
    await waiting;
    await Promise.resolve();
    expect(writer.busy).toBe(false);
    const failing = writer.write(write('t1'));
    expect(writer.busy).toBe(true);
    finish[1]!(new Error('disk full'));
    await expect(failing).rejects.toThrow('disk full');
    await Promise.resolve();
    expect(writer.busy).toBe(false);
  });

  it('fails every decision of a failed transaction, and goes on with the next ones', async () => {
    const { store, batches, finish } = heldStore();
    const writer = new LabelWriter(store);
    const first = writer.write(write('t0'));
    const second = writer.write(write('t1'));
    finish[0]!(new Error('disk full'));
    await expect(first).rejects.toThrow('disk full');
    await Promise.resolve();
    finish[1]!(new Error('disk full'));
    await expect(second).rejects.toThrow('disk full');
    const third = writer.write(write('t2'));
    expect(batches).toEqual([['t0'], ['t1'], ['t2']]);
    finish[2]!();
    expect((await third).taskId).toBe('t2');
  });

  it('sends waiting decisions at once when the page is going away, and settles only when all are stored', async () => {
    const { store, batches, finish } = heldStore();
    const writer = new LabelWriter(store);
    const first = writer.write(write('t0'));
    const second = writer.write(write('t1'));
    writer.flush();
    expect(batches).toEqual([['t0'], ['t1']]);
    let settled = false;
    const idle = writer.settled().then(() => (settled = true));
    finish[0]!();
    await first;
    await Promise.resolve();
    expect(settled).toBe(false);
    finish[1]!();
    await second;
    await idle;
    expect(settled).toBe(true);
    expect(batches).toHaveLength(2);
  });

  describe('writeAfterPaint', () => {
    /** A paint the test triggers: the writer's callbacks wait in `frames` until paint() runs them. */
    function heldPaint() {
      const frames: (() => void)[] = [];
      return { afterPaint: (run: () => void) => void frames.push(run), paint: () => frames.splice(0).forEach((run) => run()), frames };
    }

    it('starts the transaction only once the frame is painted, with everything decided until then', async () => {
      const { store, batches, finish } = heldStore();
      const { afterPaint, paint, frames } = heldPaint();
      const writer = new LabelWriter(store, afterPaint);
      const first = writer.writeAfterPaint(write('t0'));
      const second = writer.writeAfterPaint(write('t1'));
      expect(batches).toEqual([]);
      expect(frames).toHaveLength(1);
      paint();
      expect(batches).toEqual([['t0', 't1']]);
      finish[0]!();
      expect((await first).taskId).toBe('t0');
      expect((await second).taskId).toBe('t1');
    });

    it('is sent at once when the page goes away, and not again after the paint', async () => {
      const { store, batches, finish } = heldStore();
      const { afterPaint, paint } = heldPaint();
      const writer = new LabelWriter(store, afterPaint);
      const pending = writer.writeAfterPaint(write('t0'));
      writer.flush();
      expect(batches).toEqual([['t0']]);
      paint();
      expect(batches).toEqual([['t0']]);
      finish[0]!();
      expect((await pending).taskId).toBe('t0');
    });

    it('counts for settled, which sends it rather than waiting for a frame', async () => {
      const { store, batches, finish } = heldStore();
      const writer = new LabelWriter(store, heldPaint().afterPaint);
      const pending = writer.writeAfterPaint(write('t0'));
      let settled = false;
      const idle = writer.settled().then(() => (settled = true));
      expect(batches).toEqual([['t0']]);
      await Promise.resolve();
      expect(settled).toBe(false);
      finish[0]!();
      await pending;
      await idle;
      expect(settled).toBe(true);
    });

    it('goes with a plain write made before the paint, in one transaction', async () => {
      const { store, batches, finish } = heldStore();
      const { afterPaint, paint } = heldPaint();
      const writer = new LabelWriter(store, afterPaint);
      const later = writer.writeAfterPaint(write('t0'));
      const now = writer.write(write('t1'));
      expect(batches).toEqual([['t0', 't1']]);
      paint();
      expect(batches).toHaveLength(1);
      finish[0]!();
      expect((await later).taskId).toBe('t0');
      expect((await now).taskId).toBe('t1');
    });
  });
});
