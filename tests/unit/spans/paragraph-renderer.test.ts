import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareSpans, type Span } from '../../../src/lib/spans/span-value';
import type { SuggestedSpan } from '../../../src/lib/spans/suggestions';
import { ParagraphRenderer } from '../../../src/ui/annotate/spans/paragraph-renderer';
import { paragraphsHtml } from '../../../src/ui/annotate/spans/pieces-html';
import { buildPieces } from '../../../src/ui/annotate/spans/segments';

const colorOf = (label: string) => ({ PER: '#E69F00', LOC: '#009E73' })[label] ?? '#999999';

/** Random texts of words and line breaks, spans (nested, crossing lines) and non-overlapping suggestions on them. */
const documents = fc
  .array(fc.constantFrom('ab', 'cde', 'f', '\n', ' ', 'ghij'), { minLength: 1, maxLength: 40 })
  .chain((parts) => {
    const text = parts.join('');
    const range = fc
      .tuple(fc.nat(text.length), fc.nat(text.length))
      .filter(([a, b]) => a !== b)
      .map(([a, b]) => ({ start: Math.min(a, b), end: Math.max(a, b) }));
    return fc.record({
      text: fc.constant(text),
      spans: fc.array(fc.tuple(range, fc.constantFrom('PER', 'LOC')).map(([r, label]) => ({ ...r, label })), { maxLength: 8 }),
      suggestions: fc.array(range, { maxLength: 4 }),
    });
  })
  .map(({ text, spans, suggestions }) => {
    const unique = [...new Map(spans.map((s) => [`${s.start}:${s.end}:${s.label}`, s])).values()].sort(compareSpans);
    const kept: SuggestedSpan[] = [];
    for (const r of [...suggestions].sort((a, b) => a.start - b.start)) {
      if (kept.every((k) => r.start >= k.end || r.end <= k.start)) kept.push({ ...r, label: 'PER', source: 'model', confidence: 0.5 });
    }
    return { text, spans: unique as Span[], suggestions: kept };
  });

describe('ParagraphRenderer', () => {
  it('draws exactly what cutting the whole text at once draws', () => {
    fc.assert(
      fc.property(documents, ({ text, spans, suggestions }) => {
        const whole = buildPieces(text, spans, suggestions, colorOf);
        const rendered = new ParagraphRenderer().render(text, spans, suggestions, colorOf);
        expect(rendered.textPieces).toEqual(whole.filter((piece) => piece.kind === 'text'));
        expect(rendered.paragraphs).toEqual(paragraphsHtml(text, whole));
      }),
      { seed: 5, numRuns: 300 },
    );
  });

  it('re-draws only the paragraph whose spans changed', () => {
    const text = 'Ada met Bo.\nThen Cy came.\nBo left.';
    const renderer = new ParagraphRenderer();
    const first = renderer.render(text, [{ start: 0, end: 3, label: 'PER' }], [], colorOf);
    const second = renderer.render(text, [{ start: 0, end: 3, label: 'PER' }, { start: 17, end: 19, label: 'PER' }], [], colorOf);
    expect(second.paragraphs[0]).toBe(first.paragraphs[0]);
    expect(second.paragraphs[1]).not.toBe(first.paragraphs[1]);
    expect(second.paragraphs[2]).toBe(first.paragraphs[2]);
    expect(second.paragraphs[1]?.join('')).toContain('data-span="17:19:PER"');
  });
});

describe('ParagraphRenderer over a run of edits', () => {
  it('draws each rendering as a fresh renderer would, whatever it drew before', () => {
    fc.assert(
      fc.property(documents, fc.array(fc.nat(), { minLength: 1, maxLength: 6 }), ({ text, spans, suggestions }, cuts) => {
        const renderer = new ParagraphRenderer();
        renderer.render(text, spans, suggestions, colorOf);
        // Each step keeps a different part of the spans and suggestions, as copies: values, not identities, count.
        for (const cut of cuts) {
          const keptSpans = spans.filter((_, i) => (i + cut) % 3 !== 0).map((s) => ({ ...s }));
          const keptSuggestions = suggestions.filter((_, i) => (i + cut) % 2 !== 0);
          const fresh = new ParagraphRenderer().render(text, keptSpans, keptSuggestions, colorOf);
          const again = renderer.render(text, keptSpans, keptSuggestions, colorOf);
          expect(again.textPieces).toEqual(fresh.textPieces);
          expect(again.paragraphs).toEqual(fresh.paragraphs);
        }
      }),
      { seed: 11, numRuns: 200 },
    );
  });

  it('keeps the HTML of paragraphs whose spans come back as new objects with the same values', () => {
    const text = 'Ada met Bo.\nThen Cy came.';
    const renderer = new ParagraphRenderer();
    const first = renderer.render(text, [{ start: 0, end: 3, label: 'PER' }, { start: 17, end: 19, label: 'PER' }], [], colorOf);
    const second = renderer.render(text, [{ start: 0, end: 3, label: 'PER' }, { start: 17, end: 19, label: 'PER' }], [], colorOf);
    expect(second.paragraphs[0]).toBe(first.paragraphs[0]);
    expect(second.paragraphs[1]).toBe(first.paragraphs[1]);
  });
});

describe("a suggested span's tag", () => {
  const text = 'Ada met Bo in Paris.';
  const suggestion = (confidence: number | null, source: SuggestedSpan['source'] = 'model'): SuggestedSpan => ({ start: 0, end: 3, label: 'PER', source, confidence });
  const tagOf = (rendered: { paragraphs: readonly (readonly string[])[] }) => (rendered.paragraphs[0] ?? []).find((html) => html.includes('sp-suggestion')) as string;

  it("shows the model's calibrated confidence as its number and word, and nothing for a file's unchecked score or a dictionary match", () => {
    const tag = tagOf(new ParagraphRenderer().render(text, [], [suggestion(0.734)], colorOf));
    expect(tag).toContain('<span class="sp-confidence">73% <span class="sp-word sp-word-likely">likely</span></span>');
    expect(tag).toContain('title="Suggested PER, 73% likely: tap to accept"');
    expect(tagOf(new ParagraphRenderer().render(text, [], [suggestion(0.97, 'file')], colorOf))).not.toContain('sp-confidence');
    expect(tagOf(new ParagraphRenderer().render(text, [], [suggestion(null, 'dictionary')], colorOf))).not.toContain('sp-confidence');
  });

  it('is drawn again when only its confidence changed (the calibration was refitted)', () => {
    const renderer = new ParagraphRenderer();
    renderer.render(text, [], [suggestion(0.5)], colorOf);
    expect(tagOf(renderer.render(text, [], [suggestion(0.92)], colorOf))).toContain('92% <span class="sp-word sp-word-sure">sure</span>');
  });
});
