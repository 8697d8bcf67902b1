// How a mouse, a finger and the touch handles select words in the span editor. The editor says where tokens are and
// applies what a gesture asks for; this keeps track of the gesture under way.

export interface GestureHost {
  /** The token under a point of the page, or -1. */
  tokenAt(x: number, y: number): number;
  /**
   * A touch handle was pressed: the token at the selection's other end, which stays, and the point of the page a
   * little inside the token at the handle's end (null when nothing is selected to hold).
   */
  handleAim(which: string): { fixed: number; x: number; y: number } | null;
  selectTokens(from: number, to: number): void;
  moveCursorTo(token: number, extend: boolean): void;
  /** Drag handles are for fingers: shown after a tap, hidden again on a mouse press. */
  showHandles(shown: boolean): void;
}

type Gesture =
  | { kind: 'drag'; from: number; moved: boolean }
  | { kind: 'tap'; x: number; y: number; token: number }
  | { kind: 'handle'; fixed: number; dx: number; dy: number };

export class PointerGestures {
  private gesture: Gesture | null = null;
  private readonly host: GestureHost;

  constructor(host: GestureHost) {
    this.host = host;
  }

  /**
   * A press on the text (`handle`: the touch handle pressed, if one was). True when the gesture takes the pointer: the
   * editor then keeps the press from the page (no native selection or scroll) and focuses the text.
   */
  down(event: PointerEvent, handle: string | null): boolean {
    if (handle !== null) {
      const aim = this.host.handleAim(handle);
      // Aim where the handle points, wherever on the knob the finger landed.
      if (aim) this.gesture = { kind: 'handle', fixed: aim.fixed, dx: event.clientX - aim.x, dy: event.clientY - aim.y };
      return true;
    }
    if (event.pointerType === 'mouse') {
      this.host.showHandles(false);
      const token = this.host.tokenAt(event.clientX, event.clientY);
      if (token === -1) return false;
      this.gesture = { kind: 'drag', from: token, moved: false };
      return true;
    }
    // A finger on the text may be starting to scroll: only a short tap without movement selects.
    this.gesture = { kind: 'tap', x: event.clientX, y: event.clientY, token: this.host.tokenAt(event.clientX, event.clientY) };
    return false;
  }

  move(event: PointerEvent): void {
    const gesture = this.gesture;
    if (gesture?.kind === 'drag') {
      const token = this.host.tokenAt(event.clientX, event.clientY);
      if (token === -1 || (token === gesture.from && !gesture.moved)) return;
      gesture.moved = true;
      this.host.selectTokens(gesture.from, token);
    } else if (gesture?.kind === 'handle') {
      const token = this.host.tokenAt(event.clientX - gesture.dx, event.clientY - gesture.dy);
      if (token !== -1) this.host.selectTokens(gesture.fixed, token);
    } else if (gesture?.kind === 'tap' && Math.hypot(event.clientX - gesture.x, event.clientY - gesture.y) > 10) {
      this.gesture = null;
    }
  }

  up(event: PointerEvent): void {
    const gesture = this.gesture;
    if (gesture?.kind === 'drag' && !gesture.moved) this.host.moveCursorTo(gesture.from, event.shiftKey);
    if (gesture?.kind === 'tap' && gesture.token !== -1) {
      this.host.moveCursorTo(gesture.token, false);
      this.host.showHandles(true);
    }
    this.gesture = null;
  }

  cancel(): void {
    this.gesture = null;
  }
}
