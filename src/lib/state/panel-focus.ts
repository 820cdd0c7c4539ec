/**
 * Keyboard focus for the side panel (issue 12). When a panel opens, focus moves to its heading, so a keyboard or
 * screen-reader user is where the content is; when it closes, focus returns to what opened it (a button, a matrix
 * cell, the search field). The export opens over a panel: closing it returns focus to the Export button.
 * Focus moves only when the user was in the panel (or nowhere): a panel closed or replaced by something done
 * elsewhere (a layer unchecked in the catalogue, another year) leaves the focus where the user is.
 * Browser only; App.svelte calls `update` from an effect.
 */

/** Frames to wait for a lazily loaded panel's heading to appear before giving up (about a second). */
const MAX_FRAMES = 60;

export class PanelFocus {
  private key: string | null = null;
  /** What had focus when the panel opened, and when the export opened over it. */
  private opener: HTMLElement | null = null;
  private exportOpener: HTMLElement | null = null;

  /**
   * The panel shown is now `key` (null: none; 'export': the export over the panel) in `container`. Call on every
   * change; the same key twice does nothing, so a panel that only changes its content (another gemeente) keeps
   * the focus where it is.
   */
  update(key: string | null, container: () => HTMLElement | null | undefined): void {
    const previous = this.key;
    this.key = key;
    if (key === previous) return;
    const active = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const wasInPanel = active === null || active === document.body || (container()?.contains(active) ?? false);
    if (key !== null && (previous === null || key === 'export')) {
      // Opening: remember where the user came from.
      const from = active && active !== document.body ? active : null;
      if (key === 'export') this.exportOpener = from;
      if (previous === null) this.opener = from;
      this.focusHeading(key, container);
      return;
    }
    if (!wasInPanel) return;
    const back = previous === 'export' ? this.exportOpener : key === null ? this.opener : null;
    if (previous === 'export') this.exportOpener = null;
    if (key === null) this.opener = null;
    if (back?.isConnected) back.focus({ preventScroll: true });
    else if (key !== null) this.focusHeading(key, container);
  }

  private focusHeading(key: string, container: () => HTMLElement | null | undefined): void {
    let frames = 0;
    const focus = () => {
      if (this.key !== key) return;
      const heading = container()?.querySelector<HTMLElement>('h2');
      if (heading) {
        // Focusable from script only: a heading is not a stop in the tab order.
        if (!heading.hasAttribute('tabindex')) heading.tabIndex = -1;
        heading.focus({ preventScroll: true });
      } else if (frames++ < MAX_FRAMES) requestAnimationFrame(focus);
    };
    requestAnimationFrame(focus);
  }
}
