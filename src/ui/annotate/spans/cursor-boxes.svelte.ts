// The boxes drawn over the span editor's text (the cursor's, the selection's, one per line they cover), measured on
// the text as laid out, and the scroll that keeps the cursor in view. Cursor moves never touch the text, only these.
import type { Token } from '../../../lib/spans/tokens';
import { lineRects, type Rect } from './geometry';
import type { TextPiece } from './segments';

/** What the boxes are measured on, read afresh each time (the elements arrive once the editor is drawn). */
export interface BoxedText {
  /** The element holding the text's pieces, and the pieces in it. */
  piecesElement(): HTMLElement | undefined;
  pieces(): readonly TextPiece[];
  /** What the boxes are placed in. */
  surface(): HTMLElement | undefined;
  /** The box whose size changing moves the text's lines. */
  textElement(): HTMLElement | undefined;
  cursorToken(): Token | undefined;
  /** The range selected (null: no boxes at all), and whether it is a bare cursor, which draws no selection box. */
  selection(): Token | null;
  bare(): boolean;
}

export class CursorBoxes {
  rects = $state.raw<{ selection: Rect[]; cursor: Rect[] }>({ selection: [], cursor: [] });
  private layoutVersion = $state(0);
  private readonly text: BoxedText;

  /** Made while the editor is set up, after the effect that patches the text, so boxes measure the text as it is now. */
  constructor(text: BoxedText) {
    this.text = text;
    $effect(() => {
      const element = text.textElement();
      if (!element) return;
      const observer = new ResizeObserver(() => this.layoutVersion++);
      observer.observe(element);
      return () => observer.disconnect();
    });
    // A pre-effect: measured before the frame, while only the text has changed (see SpanEditor).
    $effect.pre(() => {
      void this.layoutVersion;
      this.rects = this.measure();
    });
  }

  private measure(): { selection: Rect[]; cursor: Rect[] } {
    const { text } = this;
    const piecesElement = text.piecesElement();
    const surface = text.surface();
    const token = text.cursorToken();
    const selection = text.selection();
    if (!piecesElement || !surface || token === undefined || selection === null) return { selection: [], cursor: [] };
    return {
      selection: text.bare() ? [] : lineRects(piecesElement, text.pieces(), selection.start, selection.end, surface),
      cursor: lineRects(piecesElement, text.pieces(), token.start, token.end, surface),
    };
  }

  /** Keeps the cursor token inside `scroller`, the scrolled text box, after a keyboard move. */
  reveal(scroller: HTMLElement | undefined): void {
    const piecesElement = this.text.piecesElement();
    const token = this.text.cursorToken();
    if (!piecesElement || !scroller || token === undefined) return;
    const line = lineRects(piecesElement, this.text.pieces(), token.start, token.end, scroller)[0];
    if (line === undefined) return;
    const margin = line.height * 1.5;
    if (line.top < margin) scroller.scrollTop += line.top - margin;
    else if (line.top + line.height > scroller.clientHeight - margin) scroller.scrollTop += line.top + line.height - scroller.clientHeight + margin;
  }
}
