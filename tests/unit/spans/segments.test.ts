import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Span } from '../../../src/lib/spans/span-value';
import type { SuggestedSpan } from '../../../src/lib/spans/suggestions';
import { escapeHtml, paragraphPatch, paragraphsHtml, piecePatch } from '../../../src/ui/annotate/spans/pieces-html';
import { buildPieces, spanLevels, UNDERLINE_STEP, type Piece } from '../../../src/ui/annotate/spans/segments';

const colors: Record<string, string> = { PER: '#E69F00', LOC: '#009E73', ORG: '#56B4E9' };
const colorOf = (label: string) => colors[label] ?? '#999999';

/** The pieces as a reader sees them: [text] for labelled text, {LABEL} for a tag, ~LABEL~ for a suggestion's tag. */
function read(text: string, pieces: Piece[]): string {
  return pieces
    .map((p) => (p.kind === 'tag' ? (p.suggestion ? `~${p.span.label}~` : `{${p.span.label}}`) : p.labelled ? `[${text.slice(p.start, p.end)}]` : text.slice(p.start, p.end)))
    .join('');
}

function span(text: string, phrase: string, label: string): Span {
  const start = text.indexOf(phrase);
  return { start, end: start + phrase.length, label };
}

describe('buildPieces', () => {
  const text = 'The University of London is in London.';

  it('cuts the text at span boundaries and puts each tag right after its span, inner tags first', () => {
    const spans = [span(text, 'University of London', 'ORG'), span(text, 'London', 'LOC')];
    const pieces = buildPieces(text, spans, [], colorOf);
    expect(read(text, pieces)).toBe('The [University of ][London]{LOC}{ORG} is in London.');
    expect(pieces.filter((p) => p.kind === 'text').map((p) => [p.start, p.end])).toEqual([[0, 4], [4, 18], [18, 24], [24, 38]]);
  });

  it('underlines nested spans on separate levels and fills with the innermost label colour', () => {
    const spans = [span(text, 'University of London', 'ORG'), span(text, 'London', 'LOC')];
    const pieces = buildPieces(text, spans, [], colorOf).filter((p) => p.kind === 'text');
    expect(spanLevels(spans)).toEqual([0, 1]);
    expect(pieces[1]?.style).toBe(`--fill: #56B4E9; box-shadow: 0 ${UNDERLINE_STEP}px 0 #56B4E9`);
    expect(pieces[2]?.style).toBe(`--fill: #009E73; box-shadow: 0 ${UNDERLINE_STEP}px 0 #56B4E9, 0 ${2 * UNDERLINE_STEP}px 0 #009E73`);
    expect(pieces[0]?.style).toBe('');
  });

  it('reuses a level once the span holding it has ended', () => {
    expect(spanLevels([{ start: 0, end: 5, label: 'A' }, { start: 5, end: 9, label: 'B' }, { start: 6, end: 7, label: 'C' }])).toEqual([0, 0, 1]);
  });

  it('draws suggestions dashed with their own tag, marking where the outline starts and ends', () => {
    const suggestions: SuggestedSpan[] = [{ ...span(text, 'London.', 'LOC'), source: 'model', confidence: 0.8 }];
    const pieces = buildPieces(text, [span(text, 'London', 'LOC')], suggestions, colorOf);
    expect(read(text, pieces)).toBe('The University of [London]{LOC} is in London.~LOC~');
    const last = pieces.filter((p) => p.kind === 'text').at(-1);
    expect(last?.kind === 'text' && last.suggestion).toEqual({ color: '#009E73', first: true, last: true });
  });

  it('starts a new piece after every line break and keeps spans at the very end of the text', () => {
    const lines = 'one\n\ntwo three';
    const pieces = buildPieces(lines, [{ start: 9, end: 14, label: 'PER' }], [], colorOf);
    expect(pieces.filter((p) => p.kind === 'text').map((p) => lines.slice(p.start, p.end))).toEqual(['one\n', '\n', 'two ', 'three']);
    expect(read(lines, pieces)).toBe('one\n\ntwo [three]{PER}');
  });

  it('survives spans past the end of a text that changed under them', () => {
    const pieces = buildPieces('short', [{ start: 2, end: 40, label: 'X' }], [], colorOf);
    expect(read('short', pieces)).toBe('sh[ort]');
  });
});

describe('pieces as HTML', () => {
  it('escapes the text, label names and colours', () => {
    const text = '<b>Tom & "Jerry"</b>';
    const spans = [{ start: 3, end: 16, label: `<img src=x onerror='1'>` }];
    const html = paragraphsHtml(text, buildPieces(text, spans, [], () => 'red" onmouseover="x')).flat().join('');
    expect(html).not.toMatch(/<b>|<img|onmouseover="/);
    expect(html).toContain('>&lt;b&gt;<');
    expect(html).toContain('>Tom &amp; &quot;Jerry&quot;<');
    expect(html).toContain('&lt;img src=x onerror=&#39;1&#39;&gt;');
    expect(escapeHtml(`a<>&"'b`)).toBe('a&lt;&gt;&amp;&quot;&#39;b');
  });

  it('escapes every string like a plain replace of each special character, in any order of calls', () => {
    const reference = (v: string) => v.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
    fc.assert(
      fc.property(fc.array(fc.string({ unit: fc.constantFrom('a', ' ', '&', '<', '>', '"', "'", 'é', '😀') })), (values) => {
        for (const value of values) expect(escapeHtml(value)).toBe(reference(value));
      }),
      { seed: 11, numRuns: 300 },
    );
  });

  it('makes one block per paragraph, carrying each text piece start offset', () => {
    const text = 'Ada\n\nBob met Eve';
    const html = paragraphsHtml(text, buildPieces(text, [{ start: 5, end: 8, label: 'PER' }], [], colorOf));
    expect(html).toHaveLength(3);
    expect(html[0]).toEqual(['<span class="sp-piece" data-start="0">Ada\n</span>']);
    expect(html[1]).toEqual(['<span class="sp-piece" data-start="4">\n</span>']);
    // One string per element: the span's text, its tag, the text after it.
    expect(html[2]).toHaveLength(3);
    expect(html[2]?.[1]).toContain('data-span="5:8:PER"');
  });

  it('patches only the changed paragraphs in place while their count stays, else every block', () => {
    expect(paragraphPatch([['a'], ['b', 'x'], ['c'], ['d']], [['a'], ['b', 'X'], ['c'], ['D']])).toEqual({
      kind: 'contents',
      changes: [
        { index: 1, pieces: { at: 1, remove: 1, insert: ['X'] } },
        { index: 3, pieces: { at: 0, remove: 1, insert: ['D'] } },
      ],
    });
    // Equal by value is unchanged, whether or not it is the same array.
    expect(paragraphPatch([['a'], ['b']], [['a'], ['b']])).toEqual({ kind: 'contents', changes: [] });
    expect(paragraphPatch(undefined, [['a']])).toEqual({ kind: 'all' });
    // A span's tag after a final line break adds a paragraph at the end.
    expect(paragraphPatch([['a'], ['b']], [['a'], ['B'], ['tag']])).toEqual({ kind: 'all' });
  });

  it('replaces only the pieces between the unchanged start and end of a paragraph', () => {
    // A label over "b c": the pieces it covers are cut again and its tag goes in after them.
    expect(piecePatch(['a', 'b c', 'd'], ['a', 'B C', 'tag', 'd'])).toEqual({ at: 1, remove: 1, insert: ['B C', 'tag'] });
    expect(piecePatch(['a', 'b'], ['a', 'b', 'tag'])).toEqual({ at: 2, remove: 0, insert: ['tag'] });
    expect(piecePatch(['tag', 'a'], ['a'])).toEqual({ at: 0, remove: 1, insert: [] });
    // A repeated piece is matched once, never twice.
    expect(piecePatch(['x', 'x'], ['x'])).toEqual({ at: 1, remove: 1, insert: [] });
  });

  it('patches any paragraph into any other, keeping as many pieces as a common start and end allow', () => {
    const pieces = fc.array(fc.constantFrom<string>('a', 'b', 'c', 'tag'), { maxLength: 8 });
    fc.assert(
      fc.property(pieces, pieces, (before, after) => {
        const { at, remove, insert } = piecePatch(before, after);
        const patched = [...before];
        patched.splice(at, remove, ...insert);
        expect(patched).toEqual(after);
        let prefix = 0;
        while (prefix < Math.min(before.length, after.length) && before[prefix] === after[prefix]) prefix++;
        expect(at).toBe(prefix);
        // What is kept at the end is as long as it can be without counting a piece twice.
        const kept = before.length - at - remove;
        const longer = kept + 1;
        const canKeepMore =
          longer <= Math.min(before.length, after.length) - at && before[before.length - longer] === after[after.length - longer];
        expect(canKeepMore).toBe(false);
      }),
      { seed: 17, numRuns: 500 },
    );
  });

  it('renders a 5,000-word text with 500 spans as one block per line and one tag per span', () => {
    const words = Array.from({ length: 5000 }, (_, i) => `word${i % 97}${i % 120 === 119 ? '\n' : ''}`);
    const text = words.join(' ');
    const spans: Span[] = [];
    for (let i = 0, at = 0; i < 5000; at += (words[i] as string).length + 1, i++) {
      if (i % 10 === 0) spans.push({ start: at, end: at + (words[i] as string).trimEnd().length, label: 'PER' });
    }
    const html = paragraphsHtml(text, buildPieces(text, spans, [], colorOf));
    expect(html).toHaveLength(text.split('\n').length);
    expect(html.flat().join('').match(/class="sp-tag sp-span"/g)).toHaveLength(500);
  });
});
