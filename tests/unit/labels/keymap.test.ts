import { describe, expect, it } from 'vitest';
import { actionForKey, actionInTable, spanTaskActionForKey } from '../../../src/lib/labels/keymap';
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

describe('spanTaskActionForKey', () => {
  const spanPress = (key: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean }> = {}) =>
    spanTaskActionForKey({ key, ctrlKey: false, metaKey: false, altKey: false, ...mods });

  it('leaves arrows, Enter, Backspace and label keys to the span editor', () => {
    for (const key of ['ArrowLeft', 'ArrowRight', 'Enter', 'Backspace', '1', 'p', ' ']) expect(spanPress(key)).toBeNull();
  });

  it('moves between tasks with Page Up/Down or Alt+arrows, finishes with Ctrl/Cmd+Enter, skips with S, undoes with Ctrl+Z', () => {
    expect(spanPress('PageDown')).toEqual({ kind: 'next' });
    expect(spanPress('PageUp')).toEqual({ kind: 'previous' });
    expect(spanPress('ArrowRight', { altKey: true })).toEqual({ kind: 'next' });
    expect(spanPress('ArrowLeft', { altKey: true })).toEqual({ kind: 'previous' });
    expect(spanPress('Enter', { ctrlKey: true })).toEqual({ kind: 'submit' });
    expect(spanPress('Enter', { metaKey: true })).toEqual({ kind: 'submit' });
    expect(spanPress('S')).toEqual({ kind: 'skip' });
    expect(spanPress('z', { ctrlKey: true })).toEqual({ kind: 'undo' });
    expect(spanPress('?')).toEqual({ kind: 'help' });
  });
});

describe('actionInTable', () => {
  const table = { plain: { x: 'plain x' }, command: { x: 'command x' }, alt: { x: 'alt x' } };
  const at = (key: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean }> = {}) =>
    actionInTable({ key, ctrlKey: false, metaKey: false, altKey: false, ...mods }, table);

  it('reads the row of the modifier held, Ctrl and ⌘ alike and before Alt, and a printable key in any case', () => {
    expect(at('X')).toBe('plain x');
    expect(at('x', { ctrlKey: true })).toBe('command x');
    expect(at('x', { metaKey: true, altKey: true })).toBe('command x');
    expect(at('x', { altKey: true })).toBe('alt x');
    expect(actionInTable({ key: 'x', ctrlKey: false, metaKey: false, altKey: true }, { plain: { x: 1 } })).toBeNull();
  });

  it('finds no action in a key named like a property every object has', () => {
    for (const key of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) expect(at(key)).toBeNull();
  });
});
