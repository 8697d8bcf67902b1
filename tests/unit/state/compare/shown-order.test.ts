import { describe, expect, it } from 'vitest';
import { orderToShow, shownOrder } from '../../../../src/lib/state/tasks/compare/shown-order';

const responses = ['r0', 'r1', 'r2', 'r3'].map((id) => ({ id, text: id }));
const ids = (list: { id: string }[]) => list.map((r) => r.id);

describe('the order responses are shown in', () => {
  it('is the same for the same annotator and task, every time', () => {
    expect(ids(shownOrder(responses, 'ann-1', 'task-7'))).toEqual(ids(shownOrder(responses, 'ann-1', 'task-7')));
  });

  it('puts each response first about as often over many tasks, and differs between annotators', () => {
    const firsts = new Map<string, number>();
    let differ = 0;
    for (let i = 0; i < 2000; i++) {
      const mine = ids(shownOrder(responses, 'ann-1', `task-${i}`));
      firsts.set(mine[0]!, (firsts.get(mine[0]!) ?? 0) + 1);
      if (mine.join() !== ids(shownOrder(responses, 'ann-2', `task-${i}`)).join()) differ++;
    }
    for (const id of ['r0', 'r1', 'r2', 'r3']) expect(firsts.get(id)).toBeGreaterThan(2000 / 4 - 100);
    expect(differ).toBeGreaterThan(1500);
  });

  it('with two responses shows the first one as A on about half the tasks', () => {
    const two = responses.slice(0, 2);
    const aFirst = Array.from({ length: 1000 }, (_, i) => shownOrder(two, 'ann-1', `t${i}`)[0]!.id === 'r0').filter(Boolean).length;
    expect(aFirst).toBeGreaterThan(440);
    expect(aFirst).toBeLessThan(560);
  });

  it('shows a stored order again when it names exactly the task responses, else the seeded order', () => {
    expect(ids(orderToShow(responses, ['r3', 'r1', 'r0', 'r2'], 'ann-1', 'task-7'))).toEqual(['r3', 'r1', 'r0', 'r2']);
    const seeded = ids(shownOrder(responses, 'ann-1', 'task-7'));
    expect(ids(orderToShow(responses, ['r3', 'r1', 'x', 'r2'], 'ann-1', 'task-7'))).toEqual(seeded);
    expect(ids(orderToShow(responses, ['r3', 'r3', 'r0', 'r2'], 'ann-1', 'task-7'))).toEqual(seeded);
    expect(ids(orderToShow(responses, null, 'ann-1', 'task-7'))).toEqual(seeded);
  });
});
