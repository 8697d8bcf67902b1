import { describe, expect, it } from 'vitest';
import type { OpenTaskScan } from '../../../src/lib/db/tasks';
import type { TaskRow } from '../../../src/lib/db/rows';
import { OpenTaskWindow } from '../../../src/lib/state/open-task-window';

/** A project of `total` tasks (seq = index) where `done` are decided; records every scan it is asked for. */
function project(total: number, done: Set<number> = new Set()) {
  const scans: number[] = [];
  const task = (seq: number): TaskRow => ({ projectId: 'p', id: `t${seq}`, seq, text: `text ${seq}`, meta: {} }) as TaskRow;
  const scan = async (fromSeq: number, count: number): Promise<OpenTaskScan> => {
    scans.push(fromSeq);
    const open: OpenTaskScan['open'] = [];
    for (let seq = fromSeq; seq < total; seq++) {
      if (done.has(seq)) continue;
      open.push({ task: task(seq), annotation: undefined });
      if (open.length === count) return { open, scannedTo: seq, complete: false };
    }
    return { open, scannedTo: total - 1, complete: true };
  };
  return { scan, scans, done };
}

/** Lets the window's background reads finish. */
const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

describe('OpenTaskWindow', () => {
  it('walks the open tasks in order, reading ahead before it runs out', async () => {
    const { scan, scans } = project(100, new Set([1, 2, 40]));
    const window = new OpenTaskWindow(scan);
    const seen: number[] = [];
    let seq = -1;
    for (let i = 0; i < 60; i++) {
      const next = await window.after(seq);
      seq = next!.task.seq;
      seen.push(seq);
      window.decided(next!.task.id);
      await settle();
    }
    expect(seen).toEqual([0, ...Array.from({ length: 59 }, (_, i) => i + 3).map((s) => (s >= 40 ? s + 1 : s))]);
    // Every read after the first started in the background, while tasks were still ahead.
    expect(scans[0]).toBe(0);
    expect(scans.length).toBeGreaterThan(3);
    expect(scans.length).toBeLessThan(8);
  });

  it('says there is nothing after the last open task, and starts over when the annotator jumps back', async () => {
    const { scan, scans } = project(5, new Set([3]));
    const window = new OpenTaskWindow(scan);
    expect((await window.after(1))?.task.seq).toBe(2);
    expect((await window.after(2))?.task.seq).toBe(4);
    expect(await window.after(4)).toBeUndefined();
    expect((await window.after(-1))?.task.seq).toBe(0);
    expect(scans).toEqual([2, 0]);
  });

  it('skips tasks decided meanwhile and rereads everything after a reset', async () => {
    const { scan, done } = project(10);
    const window = new OpenTaskWindow(scan);
    expect((await window.after(-1))?.task.seq).toBe(0);
    window.decided('t1');
    expect((await window.after(0))?.task.seq).toBe(2);
    // Decided elsewhere (an import): only a reset makes the window read it again.
    done.add(3);
    expect((await window.after(2))?.task.seq).toBe(3);
    window.reset();
    expect((await window.after(2))?.task.seq).toBe(4);
  });
});
