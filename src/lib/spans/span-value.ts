// How a span annotation is stored and synced. An annotation's value is a list of strings everywhere (database rows,
// label files, merge, final export), so a span task's value is its spans written as "start:end:label" strings:
// offsets are UTF-16 indices into the task text (end exclusive), and the label is everything after the second
// colon, so labels may contain colons. Values are kept sorted, so the same spans always give the same value.
import type { Span } from '../domain/types';

export type { Span };

const SPAN_VALUE = /^(\d+):(\d+):(.+)$/s;

export function encodeSpan(span: Span): string {
  return `${span.start}:${span.end}:${span.label}`;
}

/** null when `value` is not a span string. */
export function decodeSpan(value: string): Span | null {
  const match = SPAN_VALUE.exec(value);
  if (match === null) return null;
  const start = Number(match[1]);
  const end = Number(match[2]);
  return end > start ? { start, end, label: match[3] as string } : null;
}

/** The same start, end and label: what makes two spans one span. */
export function sameSpan(a: Span, b: Span): boolean {
  return a.start === b.start && a.end === b.end && a.label === b.label;
}

/** The same spans in the same order. */
export function sameSpans(a: readonly Span[], b: readonly Span[]): boolean {
  return a.length === b.length && a.every((span, i) => sameSpan(span, b[i] as Span));
}

export function compareSpans(a: Span, b: Span): number {
  return a.start - b.start || a.end - b.end || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0);
}

/** The canonical value of a set of spans: sorted, without exact duplicates. */
export function encodeSpans(spans: readonly Span[]): string[] {
  // Every edit of a long text writes all its spans, which the editor hands over in order already.
  if (isCanonical(spans)) return spans.map(encodeSpan);
  const values: string[] = [];
  for (const span of [...spans].sort(compareSpans)) {
    const value = encodeSpan(span);
    // Sorted, so duplicates sit side by side.
    if (value !== values[values.length - 1]) values.push(value);
  }
  return values;
}

/**
 * Whether `spans` are sorted (compareSpans) without duplicates, as decodeSpans(encodeSpans(spans)) would give them
 * back: then a caller holding them needs no decoding after storing them.
 */
export function isCanonical(spans: readonly Span[]): boolean {
  return spans.every((span, i) => i === 0 || compareSpans(spans[i - 1] as Span, span) < 0);
}

/** The spans of a stored value, in order; strings that are not spans (from a foreign file) are left out. */
export function decodeSpans(value: readonly string[]): Span[] {
  return value.map(decodeSpan).filter((span): span is Span => span !== null).sort(compareSpans);
}
