import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ANNOUNCE_AFTER_MS, Announcer } from '../../../src/ui/annotate/spans/announcer.svelte';

describe('Announcer', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('says only where a run of changes stops, once they pause', () => {
    const announcer = new Announcer();
    announcer.say('Ada');
    vi.advanceTimersByTime(ANNOUNCE_AFTER_MS - 1);
    announcer.say('Lovelace');
    vi.advanceTimersByTime(ANNOUNCE_AFTER_MS - 1);
    expect(announcer.text).toBe('');
    announcer.say('selected: Ada Lovelace');
    vi.advanceTimersByTime(ANNOUNCE_AFTER_MS);
    expect(announcer.text).toBe('selected: Ada Lovelace');
  });

  it('says nothing once stopped (the editor went away)', () => {
    const announcer = new Announcer();
    announcer.say('Paris');
    announcer.stop();
    vi.advanceTimersByTime(ANNOUNCE_AFTER_MS * 2);
    expect(announcer.text).toBe('');
  });
});
