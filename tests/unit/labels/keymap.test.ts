import { describe, expect, it } from 'vitest';
import { actionForKey } from '../../../src/lib/labels/keymap';
import { parseLabelLines } from '../../../src/lib/labels/labelset';

const parsed = parseLabelLines('Positive\nNegative\nA\nB\nC\nD\nE\nF\nG\nOther');
if (!parsed.ok) throw new Error('labels');
const labels = parsed.labels;
const press = (key: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean }> = {}) =>
  actionForKey({ key, ctrlKey: false, metaKey: false, altKey: false, ...mods }, labels);

describe('actionForKey', () => {
  it('maps label hotkeys, including letters after the ninth label', () => {
    expect(press('1')).toEqual({ kind: 'label', label: 'Positive' });
    expect(press('2')).toEqual({ kind: 'label', label: 'Negative' });
    expect(press('o')).toEqual({ kind: 'label', label: 'Other' });
    expect(press('O')).toEqual({ kind: 'label', label: 'Other' });
  });

  it('maps the fixed keys of the annotate screen', () => {
    expect(press('Enter')).toEqual({ kind: 'submit' });
    expect(press('s')).toEqual({ kind: 'skip' });
    expect(press(' ')).toEqual({ kind: 'skip' });
    expect(press('ArrowLeft')).toEqual({ kind: 'previous' });
    expect(press('ArrowRight')).toEqual({ kind: 'next' });
    expect(press('?')).toEqual({ kind: 'help' });
    expect(press('z', { ctrlKey: true })).toEqual({ kind: 'undo' });
    expect(press('Z', { metaKey: true })).toEqual({ kind: 'undo' });
  });

  it('leaves browser shortcuts and unknown keys alone', () => {
    expect(press('1', { ctrlKey: true })).toBeNull();
    expect(press('r', { metaKey: true })).toBeNull();
    expect(press('x')).toBeNull();
    expect(press('Tab')).toBeNull();
  });
});
