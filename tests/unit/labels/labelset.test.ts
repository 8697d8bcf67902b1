import { describe, expect, it } from 'vitest';
import type { LabelDef } from '../../../src/lib/db/rows';
import { LABEL_PALETTE, assignHotkeys, labelColourShown, labelSetProblems, parseLabelLines } from '../../../src/lib/labels/labelset';

describe('parseLabelLines', () => {
  it('reads one label per line with optional descriptions, hotkeys 1–9 and palette colours', () => {
    const result = parseLabelLines('Positive: the writer approves\n\n  Negative  \nNeutral\n');
    expect(result).toEqual({
      ok: true,
      labels: [
        { name: 'Positive', description: 'the writer approves', hotkey: '1', color: LABEL_PALETTE[0] },
        { name: 'Negative', hotkey: '2', color: LABEL_PALETTE[1] },
        { name: 'Neutral', hotkey: '3', color: LABEL_PALETTE[2] },
      ],
    });
  });

  it('names the line of a duplicate (case-insensitive) and of a missing name', () => {
    expect(parseLabelLines('Spam\nham\nSPAM\n: no name')).toEqual({
      ok: false,
      problems: [
        { line: 3, message: 'line 3: "SPAM" repeats label "Spam": label names must differ, ignoring case' },
        { line: 4, message: 'line 4: a label needs a name before the colon' },
      ],
    });
  });

  it('asks for at least one label', () => {
    expect(parseLabelLines(' \n \n')).toEqual({ ok: false, problems: [{ line: 1, message: 'a project needs at least one label, one per line' }] });
  });
});

describe('labelSetProblems: the rules every label set obeys, typed or read from a bundle', () => {
  const label = (name: string, hotkey: string, color = '#E69F00'): LabelDef => ({ name, hotkey, color });

  it('accepts what the form makes', () => {
    const parsed = parseLabelLines(Array.from({ length: 33 }, (_, i) => `Label ${i}`).join('\n'));
    expect(parsed.ok && labelSetProblems(parsed.labels)).toEqual([]);
  });

  it('refuses a repeated name (ignoring case), a repeated key, a reserved key and a key no one can press', () => {
    expect(labelSetProblems([label('Yes', '1'), label('yes', '2'), label('No', '2'), label('Skip', 's'), label('Ctrl', 'ctrl+1'), label('Up', 'A')])).toEqual([
      { index: 1, field: 'name', message: '"yes" repeats label "Yes": label names must differ, ignoring case' },
      { index: 2, field: 'hotkey', message: 'hotkey "2" is already the key of "yes"' },
      { index: 3, field: 'hotkey', message: 'hotkey "s" is taken by the annotate screen (S skips a task)' },
      { index: 4, field: 'hotkey', message: 'a hotkey is one digit or lower-case letter, found "ctrl+1"' },
      { index: 5, field: 'hotkey', message: 'a hotkey is one digit or lower-case letter, found "A"' },
    ]);
  });

  it('refuses names that are empty, padded, multi-line or too long', () => {
    expect(labelSetProblems([label(' ', '1'), label(' Yes', '2'), label('a\nb', '3'), label('x'.repeat(61), '4')]).map((p) => p.message)).toEqual([
      'a label needs a name',
      'label " Yes" must not start or end with spaces or hold a line break',
      'label "a\\nb" must not start or end with spaces or hold a line break',
      `label "${'x'.repeat(20)}…" is longer than 60 characters`,
    ]);
  });

  it('refuses a colour that is not a plain hex colour, since it goes into a style attribute', () => {
    expect(labelSetProblems([label('Yes', '1', 'red;background-image:url(http://x)'), label('No', '2', '#fff'), label('Maybe', '3', '#009e73')])).toEqual([
      { index: 0, field: 'color', message: 'a colour is a hex colour like "#E69F00", found "red;background-image:url(http://x)"' },
      { index: 1, field: 'color', message: 'a colour is a hex colour like "#E69F00", found "#fff"' },
    ]);
  });

  it('refuses an empty set', () => {
    expect(labelSetProblems([])).toEqual([{ index: null, field: null, message: 'a project needs at least one label' }]);
  });
});

describe('labelColourShown', () => {
  it('draws a colour its set would accept, and grey for anything else a stored project may hold', () => {
    expect(labelColourShown('#E69F00')).toBe('#E69F00');
    expect(labelColourShown('#009e73')).toBe('#009e73');
    for (const unchecked of ['red;background-image:url(http://x)', 'teal', '#fff', '', undefined]) expect(labelColourShown(unchecked)).toBe('#999999');
  });
});

describe('assignHotkeys', () => {
  it('uses digits first, then a free letter of the name, never the skip or undo keys', () => {
    const names = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'Sports', 'Science', 'Zoology'];
    expect(assignHotkeys(names)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', 'p', 'c', 'o']);
  });
});
