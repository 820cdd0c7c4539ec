/**
 * The URL follows the view, and the view follows the URL: a link restores the view it names (once the atlas
 * is loaded, and again on back and forward), and every change of the view is written into the address bar.
 * What is shown (layers, fill, selection, panel, metric, language) makes a new history entry; a map that only
 * moved replaces the current one, so back steps through selections, not through every pan. Reads and writes
 * `location` and `history` through a narrow interface (`BrowserUrl`), so it runs in Node with a fake.
 */
import type { AppState } from './app-state.svelte';
import type { LayerFile, LayerId } from '../types';
import { parseProjectedLayerId } from '../history/projection';
import { knownValues, parseViewState, serializeViewState, summarizeIgnored, yearOfSearch } from './url-state';

/** The parts of the browser this module touches: the address, the history, and where `popstate` arrives. */
export interface BrowserUrl {
  location: Pick<Location, 'origin' | 'pathname' | 'search' | 'hash'>;
  history: Pick<History, 'pushState' | 'replaceState'>;
  /** The target of `popstate` events (the window). */
  events: Pick<EventTarget, 'addEventListener' | 'removeEventListener'>;
}

/** The real browser (only call it in the browser). */
function browserUrl(): BrowserUrl {
  return { location: window.location, history: window.history, events: window };
}

/** Keeps `app`'s view and the URL in step. Call `write` and `listen` from one `$effect` each. */
export class UrlSync {
  private readonly app: AppState;
  private readonly browser: BrowserUrl;
  /** The link's view without the camera, last written to history: a change of it is a new history entry. */
  private lastViewKey = '';
  /** Whether the page's link has been restored (it is, once, on the first load). */
  private isRestored = false;
  /**
   * The year a link asked for (back or forward) and the link, whose view is restored once that year is there; taken
   * by the next year that arrives, so a year chosen meanwhile never brings the link back.
   */
  private awaited: { year: number; search: string } | null = null;
  /** The query whose layers drawn on another year's gemeenten were last asked for (asked once per query). */
  private askedOverlaysFor: string | null = null;
  /** A link's view waits for its layers of another year: the address keeps the link meanwhile. */
  private isWaiting = $state(false);
  private readonly overlaysOf: ((ids: LayerId[]) => Promise<LayerFile[]>) | null;

  /** The view's full link (origin, path and query), written into exported files. */
  link = $derived.by(() => {
    const { origin, pathname } = this.browser.location;
    return `${origin}${pathname}${serializeViewState(this.app.toView())}`;
  });
  /** The same view in the clean presentation view (`view=clean`), for screenshots and embedding. */
  cleanLink = $derived.by(() => {
    const { origin, pathname } = this.browser.location;
    return `${origin}${pathname}${serializeViewState({ ...this.app.toView(), clean: true })}`;
  });

  /**
   * @param overlaysOf makes the layers a link names by projected id (`veiligthuis-2022~2023`) from the years'
   *   data; without it such ids are ignored like unknown ones.
   */
  constructor(
    app: AppState,
    browser: BrowserUrl = browserUrl(),
    overlaysOf: ((ids: LayerId[]) => Promise<LayerFile[]>) | null = null,
  ) {
    this.app = app;
    this.browser = browser;
    this.overlaysOf = overlaysOf;
  }

  /**
   * Restore the view of the current URL (on load and on back/forward); parameters the atlas does not know
   * are dropped and listed in one notice, which replaces the app's notices. Does nothing before the atlas
   * is loaded.
   */
  restore(search = this.browser.location.search): void {
    const atlas = this.app.atlas;
    if (!atlas) return;
    const years = this.app.years.map((y) => y.year);
    const { state, ignored } = parseViewState(search, knownValues(atlas, years));
    // A link of another year (back or forward across a year change): load that year; its layers are read then.
    const year = state.year ?? this.app.newestYear;
    if (year !== null && year !== this.app.year) {
      this.awaited = { year, search };
      this.app.chooseYear(year);
      return;
    }
    // Layers of another year drawn on this year's gemeenten (a cross-year pair): made first, then the view.
    const missing = projectedIds(search).filter((id) => !atlas.layersById.has(id));
    this.isRestored = true;
    if (missing.length > 0 && this.overlaysOf && this.askedOverlaysFor !== search) {
      this.askedOverlaysFor = search;
      this.isWaiting = true;
      const year = this.app.year;
      void this.overlaysOf(missing)
        .then((files) => {
          const ofThisYear = files.filter((f) => f.meta.geometryId === this.app.atlas?.geometry.id);
          this.app.setOverlays([...this.app.overlays.filter((o) => !missing.includes(o.meta.id)), ...ofThisYear]);
        })
        .finally(() => {
          this.isWaiting = false;
          // Only while the link's year is still on screen: a year chosen meanwhile keeps its own view.
          if (this.app.year === year) this.restore(search);
        });
      return;
    }
    this.app.applyView(state);
    // The restored view is the current history entry: writing it back replaces, never pushes.
    this.lastViewKey = serializeViewState({ ...this.app.toView(), camera: null });
    const { shown, more } = summarizeIgnored(ignored);
    const list = more > 0 ? this.app.t('linkIgnoredMore', { list: shown.join(', '), count: more }) : shown.join(', ');
    this.app.notices = ignored.length ? [this.app.t('linkIgnored', { list })] : [];
  }

  /**
   * A year's atlas is on screen: restore the link's view if this is the first load or the year a link asked for;
   * a year chosen in the year control keeps the view the app carried over.
   */
  yearReady(): void {
    if (!this.isRestored) return this.restore();
    const awaited = this.awaited;
    this.awaited = null;
    if (awaited?.year === this.app.year) this.restore(awaited.search);
  }

  /** The year the page's link names, if any (for the first load, before the manifest is read). */
  linkYear(): number | null {
    return yearOfSearch(this.browser.location.search);
  }

  /**
   * Write the view into the URL when it differs: push a new history entry when what is shown changed,
   * replace the current one when only the camera moved. Reads the whole view, so an `$effect` that calls it
   * runs again on every change.
   */
  write(): void {
    if (!this.app.atlas || this.isWaiting) return;
    const view = this.app.toView();
    const query = serializeViewState(view);
    const key = serializeViewState({ ...view, camera: null });
    const { pathname, search, hash } = this.browser.location;
    if (query !== search) {
      const url = `${pathname}${query}${hash}`;
      if (key !== this.lastViewKey) this.browser.history.pushState(null, '', url);
      else this.browser.history.replaceState(null, '', url);
    }
    this.lastViewKey = key;
  }

  /** Restore the view on back and forward once the atlas is loaded; returns the cleanup (for `$effect`). */
  listen(): (() => void) | undefined {
    if (!this.app.atlas) return;
    const onPopState = () => this.restore();
    this.browser.events.addEventListener('popstate', onPopState);
    return () => this.browser.events.removeEventListener('popstate', onPopState);
  }
}

/** The ids of layers drawn on another year's gemeenten (`kind-year~year`) that a query names. */
function projectedIds(search: string): LayerId[] {
  const params = new URLSearchParams(search);
  const ids = ['layers', 'pair', 'fill', 'via', 'set'].flatMap((p) => (params.get(p) ?? '').split(','));
  return [...new Set(ids.filter((id) => parseProjectedLayerId(id) !== null))];
}
