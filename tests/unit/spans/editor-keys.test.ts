import { describe, expect, it } from 'vitest';
import type { LabelDef } from '../../../src/lib/db/rows';
import { SPAN_TASK_KEY_HINTS } from '../../../src/lib/labels/keymap';
import { SPAN_EDITOR_KEY_HINTS, spanCommandForKey, type SpanKeyPress } from '../../../src/ui/annotate/spans/keys';

const labels: LabelDef[] = [
  { name: 'PER', color: '#E69F00', hotkey: '1' },
  { name: 'LOC', color: '#56B4E9', hotkey: 'l' },
];

function press(key: string, mods: Partial<SpanKeyPress> = {}): SpanKeyPress {
  return { key, shiftKey: false, ctrlKey: false, metaKey: false, altKey: false, ...mods };
}

describe('span editor keys', () => {
  it('moves, extends, jumps, labels, deletes, clears and accepts', () => {
    expect(spanCommandForKey(press('ArrowLeft'), labels)).toEqual({ kind: 'move', delta: -1, extend: false });
    expect(spanCommandForKey(press('ArrowRight', { shiftKey: true }), labels)).toEqual({ kind: 'move', delta: 1, extend: true });
    expect(spanCommandForKey(press('End', { shiftKey: true }), labels)).toEqual({ kind: 'edge', to: 'last', extend: true });
    expect(spanCommandForKey(press('1'), labels)).toEqual({ kind: 'label', label: 'PER' });
    expect(spanCommandForKey(press('L', { shiftKey: true }), labels)).toEqual({ kind: 'label', label: 'LOC' });
    expect(spanCommandForKey(press('Backspace'), labels)).toEqual({ kind: 'delete' });
    expect(spanCommandForKey(press('Delete'), labels)).toEqual({ kind: 'delete' });
    expect(spanCommandForKey(press('Escape'), labels)).toEqual({ kind: 'clear' });
    expect(spanCommandForKey(press('Enter'), labels)).toEqual({ kind: 'accept' });
    expect(spanCommandForKey(press('Enter', { shiftKey: true }), labels)).toEqual({ kind: 'accept-all' });
    expect(spanCommandForKey(press('a'), labels)).toEqual({ kind: 'accept-all' });
  });

  it('gives the letter a to a label that owns it, and leaves Ctrl, ⌘ and Alt keys to the annotate screen', () => {
    expect(spanCommandForKey(press('a'), [...labels, { name: 'ART', color: '#000', hotkey: 'a' }])).toEqual({ kind: 'label', label: 'ART' });
    expect(spanCommandForKey(press('Enter', { ctrlKey: true }), labels)).toBeNull();
    expect(spanCommandForKey(press('ArrowRight', { altKey: true }), labels)).toBeNull();
    expect(spanCommandForKey(press('z', { metaKey: true }), labels)).toBeNull();
    expect(spanCommandForKey(press('s'), labels)).toBeNull();
    expect(spanCommandForKey(press('PageDown'), labels)).toBeNull();
  });

  it('lists its keys for the help panel without repeating one the task keys list', () => {
    const taskKeys = new Set(SPAN_TASK_KEY_HINTS.map((h) => h.keys));
    expect(SPAN_EDITOR_KEY_HINTS.filter((h) => taskKeys.has(h.keys))).toEqual([]);
    expect(new Set(SPAN_EDITOR_KEY_HINTS.map((h) => h.keys)).size).toBe(SPAN_EDITOR_KEY_HINTS.length);
  });
});
