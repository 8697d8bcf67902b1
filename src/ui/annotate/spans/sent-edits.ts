// The span editor shows an edit at once and hands it to the host, which stores it and gives the spans back. Edits
// can overtake each other: when the host gives back an earlier one, a later one is still on its way, and the
// editor must keep showing the later one rather than go back for a moment.
import type { Span } from '../../../lib/spans/span-value';

export class SentEdits {
  /** Lists handed to the host and not given back yet, oldest first. */
  private pending: (readonly Span[])[] = [];

  sent(spans: readonly Span[]): void {
    this.pending.push(spans);
  }

  /**
   * The host's spans changed to `spans`: true when they are one of the lists it was handed (by identity), so what
   * the editor shows already holds them or a later edit; false for spans from elsewhere (undo, another task).
   */
  isEcho(spans: readonly Span[]): boolean {
    const at = this.pending.indexOf(spans);
    this.pending = at === -1 ? [] : this.pending.slice(at + 1);
    return at !== -1;
  }
}
