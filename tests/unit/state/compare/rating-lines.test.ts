import { describe, expect, it } from 'vitest';
import { DEFAULT_RUBRIC } from '../../../../src/lib/domain/compare';
import { parseRatingLines, ratingLines, rubricProblem } from '../../../../src/lib/state/tasks/compare/rating-lines';

describe('rating items in the new-project form', () => {
  it('reads a scale from its descriptions or a range, and optional items', () => {
    const parsed = parseRatingLines('Helpfulness: useless | poor | fair | good | excellent\n\nLength: 1-3\nTone (optional): rude | flat | kind\n');
    expect(parsed).toEqual({
      ok: true,
      items: [
        { name: 'Helpfulness', scale: 5, descriptions: ['useless', 'poor', 'fair', 'good', 'excellent'], required: true },
        { name: 'Length', scale: 3, descriptions: [], required: true },
        { name: 'Tone', scale: 3, descriptions: ['rude', 'flat', 'kind'], required: false },
      ],
    });
    if (parsed.ok) expect(parseRatingLines(ratingLines(parsed.items))).toEqual(parsed);
  });

  it('says which line is wrong and why', () => {
    expect(parseRatingLines('Helpfulness\n: a | b\nX: 1-12\nY: a || b\nZ: only\nX: 1-2\nX: 1-2')).toEqual({
      ok: false,
      problems: [
        'line 1: write the item\'s name, a colon, then its values ("Helpfulness: poor | fair | good" or "Helpfulness: 1-5")',
        'line 2: a rating item needs a name before the colon',
        'line 3: a scale runs from 1 to between 2 and 9 (the number keys)',
        'line 4: a value between two "|" has no description',
        'line 5: a scale runs from 1 to between 2 and 9 (the number keys)',
        'line 7: "X" is already an item',
      ],
    });
  });

  it('refuses a rubric that asks nothing', () => {
    expect(rubricProblem(DEFAULT_RUBRIC)).toBeNull();
    expect(rubricProblem({ ...DEFAULT_RUBRIC, preference: false })).toMatch(/must ask something/);
  });
});
