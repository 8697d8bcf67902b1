import { describe, expect, it } from 'vitest';
import type { Span } from '../../../src/lib/spans/span-value';
import { SentEdits } from '../../../src/ui/annotate/spans/sent-edits';

const list = (...labels: string[]): Span[] => labels.map((label, i) => ({ start: i * 4, end: i * 4 + 3, label }));

describe('SentEdits', () => {
  it('knows the lists it handed to the host, also when an earlier one comes back after a later was sent', () => {
    const edits = new SentEdits();
    const first = list('PER');
    const second = list('PER', 'LOC');
    edits.sent(first);
    edits.sent(second);
    expect(edits.isEcho(first)).toBe(true);
    expect(edits.isEcho(second)).toBe(true);
    // Each comes back once.
    expect(edits.isEcho(second)).toBe(false);
  });

  it('does not take equal spans from elsewhere for an echo, and forgets what was sent when they come', () => {
    const edits = new SentEdits();
    const sent = list('PER');
    edits.sent(sent);
    expect(edits.isEcho(list('PER'))).toBe(false);
    expect(edits.isEcho(sent)).toBe(false);
  });
});
