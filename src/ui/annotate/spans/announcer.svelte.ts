/** Quiet time after the last change before it is said: longer than key repeat, shorter than a listener waits. */
export const ANNOUNCE_AFTER_MS = 150;

/**
 * What a live region says, once changes pause: holding an arrow key then says the word the cursor stops on, not every
 * word on the way, and a fast run of keys changes no text on the page (each change made Chromium lay out the page
 * again in the next frame, about 0.5 ms on a long text).
 */
export class Announcer {
  text = $state('');
  private timer: ReturnType<typeof setTimeout> | null = null;

  say(next: string): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.text = next;
    }, ANNOUNCE_AFTER_MS);
  }

  stop(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }
}
