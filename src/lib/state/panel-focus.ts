/**
 * Keyboard focus for the side panel (issue 12): when a panel opens or another replaces it, focus moves to its
 * heading, so a keyboard or screen-reader user is where the content is; when it closes, focus returns to what
 * opened it (a button, a matrix cell, the search field). Browser only; App.svelte calls `update` from an effect.
 */

/** Frames to wait for a lazily loaded panel's heading to appear before giving up (about a second). */
const MAX_FRAMES = 60;

export class PanelFocus {
  private key: string | null = null;
  private opener: HTMLElement | null = null;

  /**
   * The panel shown is now `key` (null: none) in `container`. Call on every change; the same key twice does
   * nothing, so a panel that only changes its content (another gemeente) keeps the focus where it is.
   */
  update(key: string | null, container: () => HTMLElement | null | undefined): void {
    const previous = this.key;
    this.key = key;
    if (key === previous) return;
    if (key === null) {
      const opener = this.opener;
      this.opener = null;
      if (opener?.isConnected) opener.focus({ preventScroll: true });
      return;
    }
    if (previous === null) {
      const active = document.activeElement;
      this.opener = active instanceof HTMLElement && active !== document.body ? active : null;
    }
    let frames = 0;
    const focusHeading = () => {
      if (this.key !== key) return;
      const heading = container()?.querySelector<HTMLElement>('h2');
      if (heading) {
        // Focusable from script only: a heading is not a stop in the tab order.
        if (!heading.hasAttribute('tabindex')) heading.tabIndex = -1;
        heading.focus({ preventScroll: true });
      } else if (frames++ < MAX_FRAMES) requestAnimationFrame(focusHeading);
    };
    requestAnimationFrame(focusHeading);
  }
}
