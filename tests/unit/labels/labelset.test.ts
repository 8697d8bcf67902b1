import { describe, expect, it } from 'vitest';
import { LABEL_PALETTE, assignHotkeys, parseLabelLines } from '../../../src/lib/labels/labelset';

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
        { line: 3, message: 'line 3: "SPAM" is already label 1' },
        { line: 4, message: 'line 4: a label needs a name before the colon' },
      ],
    });
  });

  it('asks for at least one label', () => {
    expect(parseLabelLines(' \n \n')).toEqual({ ok: false, problems: [{ line: 1, message: 'add at least one label, one per line' }] });
  });
});

describe('assignHotkeys', () => {
  it('uses digits first, then a free letter of the name, never the skip or undo keys', () => {
    const names = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'Sports', 'Science', 'Zoology'];
    expect(assignHotkeys(names)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', 'p', 'c', 'o']);
  });
});
