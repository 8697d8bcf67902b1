import type { Span } from './span-value';

/**
 * Character positions covered by spans, so an overlap test costs the span's length, not a scan of every span
 * already placed (suggestions are placed one by one against hundreds of spans).
 */
export class Coverage {
  private readonly taken: Uint8Array;

  constructor(length: number) {
    this.taken = new Uint8Array(length);
  }

  add(span: Span): void {
    this.taken.fill(1, span.start, span.end);
  }

  overlaps(span: Span): boolean {
    for (let i = span.start; i < span.end; i++) if (this.taken[i] === 1) return true;
    return false;
  }
}
