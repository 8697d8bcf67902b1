import { describe, expect, it } from 'vitest';
import { combineSuggestions, spanAcceptance, type SuggestedSpan } from '../../../src/lib/spans/suggestions';

const suggested = (start: number, end: number, label: string, source: SuggestedSpan['source'], confidence: number | null = null): SuggestedSpan => ({
  start, end, label, source, confidence,
});

describe('combining span suggestions', () => {
  it('prefers the file over the model over the dictionary where they disagree about the same words', () => {
    const file = [suggested(0, 5, 'PER', 'file')];
    const model = [suggested(0, 5, 'ORG', 'model', 0.9), suggested(10, 16, 'LOC', 'model', 0.7)];
    const dictionary = [suggested(10, 20, 'ORG', 'dictionary'), suggested(30, 34, 'PER', 'dictionary')];
    expect(combineSuggestions([dictionary, model, file], [], false)).toEqual([file[0], model[1], dictionary[1]]);
  });

  it('drops what is already labelled, and what would overlap a label unless overlaps are allowed', () => {
    const model = [suggested(0, 5, 'PER', 'model', 0.8), suggested(3, 9, 'LOC', 'model', 0.6)];
    const existing = [{ start: 0, end: 5, label: 'PER' }];
    expect(combineSuggestions([model], existing, false)).toEqual([]);
    expect(combineSuggestions([model], existing, true)).toEqual([model[1]]);
  });
});

describe('span acceptance', () => {
  it('counts each suggested span kept exactly; a changed label or boundary is not accepted', () => {
    expect(spanAcceptance(['0:5:PER', '10:16:LOC', '20:24:ORG'], ['0:5:PER', '10:16:ORG', '20:23:ORG'])).toEqual({ accepted: 1, offered: 3 });
    expect(spanAcceptance([], ['0:5:PER'])).toEqual({ accepted: 0, offered: 0 });
  });
});
