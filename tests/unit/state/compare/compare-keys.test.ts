import { describe, expect, it } from 'vitest';
import { compareActionForKey } from '../../../../src/lib/state/tasks/compare/compare-keys';
import type { RatingItem } from '../../../../src/lib/domain/compare';

const press = (key: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean }> = {}) => ({ key, ctrlKey: false, metaKey: false, altKey: false, ...mods });
const PREFERENCE = { kind: 'preference' } as const;
const tone: RatingItem = { name: 'Tone', scale: 3, descriptions: [], required: false };

describe('compare keys', () => {
  it('1/A and 2/B prefer, 3 ties, 4 says both bad with two responses', () => {
    expect(compareActionForKey(press('1'), PREFERENCE, 2)).toEqual({ kind: 'prefer', position: 0 });
    expect(compareActionForKey(press('A'), PREFERENCE, 2)).toEqual({ kind: 'prefer', position: 0 });
    expect(compareActionForKey(press('b'), PREFERENCE, 2)).toEqual({ kind: 'prefer', position: 1 });
    expect(compareActionForKey(press('3'), PREFERENCE, 2)).toEqual({ kind: 'tie' });
    expect(compareActionForKey(press('4'), PREFERENCE, 2)).toEqual({ kind: 'both-bad' });
    expect(compareActionForKey(press('c'), PREFERENCE, 2)).toBeNull();
  });

  it('with four responses the numbers and C, D rank them', () => {
    expect(compareActionForKey(press('3'), PREFERENCE, 4)).toEqual({ kind: 'prefer', position: 2 });
    expect(compareActionForKey(press('d'), PREFERENCE, 4)).toEqual({ kind: 'prefer', position: 3 });
    expect(compareActionForKey(press('5'), PREFERENCE, 4)).toBeNull();
  });

  it('once the preference is given, the numbers rate the item in turn, up to its scale; letters still prefer', () => {
    const rating = { kind: 'rating', item: tone } as const;
    expect(compareActionForKey(press('2'), rating, 2)).toEqual({ kind: 'rate', item: 'Tone', value: 2 });
    expect(compareActionForKey(press('4'), rating, 2)).toBeNull();
    expect(compareActionForKey(press('a'), rating, 2)).toEqual({ kind: 'prefer', position: 0 });
    expect(compareActionForKey(press('1'), { kind: 'nothing' }, 2)).toBeNull();
  });

  it('Enter submits, E edits, S and Space skip, Backspace and Ctrl+Z undo, arrows move', () => {
    expect(compareActionForKey(press('Enter'), PREFERENCE, 2)).toEqual({ kind: 'submit' });
    expect(compareActionForKey(press('e'), PREFERENCE, 2)).toEqual({ kind: 'edit' });
    expect(compareActionForKey(press(' '), PREFERENCE, 2)).toEqual({ kind: 'skip' });
    expect(compareActionForKey(press('Backspace'), PREFERENCE, 2)).toEqual({ kind: 'undo' });
    expect(compareActionForKey(press('z', { ctrlKey: true }), PREFERENCE, 2)).toEqual({ kind: 'undo' });
    expect(compareActionForKey(press('a', { ctrlKey: true }), PREFERENCE, 2)).toBeNull();
    expect(compareActionForKey(press('ArrowRight'), PREFERENCE, 2)).toEqual({ kind: 'next' });
  });
});
