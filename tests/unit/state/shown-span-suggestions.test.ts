import { describe, expect, it } from 'vitest';
import type { TaskRow } from '../../../src/lib/db/rows';
import type { SuggestedSpan } from '../../../src/lib/spans/suggestions';
import { ShownSpanSuggestions } from '../../../src/lib/state/tasks/spans/shown-span-suggestions.svelte';
import type { SpanSuggester } from '../../../src/lib/state/tasks/spans/span-suggester';

const task = { id: 't1', text: 'Ada met Bo in Paris' } as TaskRow;
const ada: SuggestedSpan = { start: 0, end: 3, label: 'PER', source: 'model', confidence: 0.8 };
const paris: SuggestedSpan = { start: 14, end: 19, label: 'LOC', source: 'dictionary', confidence: null };

/** A suggester that offers whatever the test put in `offer`. */
function shownWith(offer: { list: SuggestedSpan[] }) {
  const suggester = { combine: () => offer.list } as unknown as SpanSuggester;
  return new ShownSpanSuggestions(suggester, () => null);
}

describe('ShownSpanSuggestions.record', () => {
  it('records every span offered on the task, and gives the same record until something new is offered', () => {
    const offer = { list: [ada] };
    const shown = shownWith(offer);
    shown.show(task, []);
    const first = shown.record();
    expect(first).toEqual({ value: ['0:3:PER'], confidence: 0.8, modelVersion: 'model' });
    shown.show(task, []);
    expect(shown.record()).toBe(first);

    offer.list = [{ ...ada }, paris];
    shown.show(task, []);
    expect(shown.record()).toEqual({ value: ['0:3:PER', '14:19:LOC'], confidence: 0.8, modelVersion: 'dictionary+model' });

    // Taken suggestions leave the list but stay offered.
    offer.list = [];
    shown.show(task, []);
    expect(shown.record()?.value).toEqual(['0:3:PER', '14:19:LOC']);
  });

  it('starts afresh on another task', () => {
    const offer = { list: [ada] };
    const shown = shownWith(offer);
    shown.show(task, []);
    expect(shown.record()).not.toBeNull();
    shown.newTask();
    expect(shown.record()).toBeNull();
    offer.list = [paris];
    shown.show(task, []);
    expect(shown.record()?.value).toEqual(['14:19:LOC']);
  });
});
