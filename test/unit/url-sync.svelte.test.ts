import { describe, expect, it } from 'vitest';
import { flushSync } from 'svelte';
import { AppState } from '../../src/lib/state/app-state.svelte';
import { gridAtlasOfYear, readyGridApp } from '../fixtures/grid-app';
import { gridLayerFile } from '../fixtures/grid';
import { UrlSync, type BrowserUrl } from '../../src/lib/state/url-sync.svelte';

const ORIGIN = 'https://example.org';
const DEFAULT_QUERY = '?layers=rows-2025,columns-2025&fill=rows-2025';

const readyState = readyGridApp;

/** A browser address bar and history in memory: what was pushed and replaced, and back/forward by hand. */
function fakeBrowser(search = '') {
  const location = { origin: ORIGIN, pathname: '/atlas/', search, hash: '#top' };
  const calls: { kind: 'push' | 'replace'; url: string }[] = [];
  const write =
    (kind: 'push' | 'replace') =>
    (_data: unknown, _unused: string, url?: string | URL | null): void => {
      calls.push({ kind, url: String(url) });
      location.search = new URL(String(url), ORIGIN).search;
    };
  const events = new EventTarget();
  const browser: BrowserUrl = {
    location,
    history: { pushState: write('push'), replaceState: write('replace') },
    events,
  };
  /** Back or forward to an entry with this query. */
  const popTo = (query: string): void => {
    location.search = query;
    events.dispatchEvent(new Event('popstate'));
  };
  return { browser, location, calls, popTo };
}

/** `write` and `listen` in effects, as App.svelte runs them; returns the cleanup. */
function connect(sync: UrlSync): () => void {
  const cleanup = $effect.root(() => {
    $effect(() => sync.write());
    $effect(() => sync.listen());
  });
  flushSync();
  return cleanup;
}

const viewport = (lng: number) => ({
  camera: { lng, lat: 52.15, zoom: 9 },
  bounds: [5, 52, 5.3, 52.3] as [number, number, number, number],
  width: 800,
  height: 600,
});

describe('UrlSync', () => {
  it('restores the view a link names, without notices, and writes nothing back', () => {
    const app = readyState();
    const { browser, calls } = fakeBrowser('?layers=partial-2025&fill=none&gm=GM0005&via=partial-2025&panel=region');
    const sync = new UrlSync(app, browser);
    sync.restore();
    expect(app.visible).toEqual(['partial-2025']);
    expect(app.filled).toBeNull();
    expect(app.panel).toEqual({ kind: 'region', municipality: 'GM0005', layerId: 'partial-2025' });
    expect(app.notices).toEqual([]);
    const cleanup = connect(sync);
    expect(calls).toEqual([]);
    cleanup();
  });

  it('ignores unknown or outdated parameters with one notice, and replaces the link with the clean one', () => {
    const app = readyState();
    app.notices = ['an older notice'];
    const { browser, calls } = fakeBrowser('?layers=rows-2025,jeugdregio-2016&gm=GM9999');
    const sync = new UrlSync(app, browser);
    sync.restore();
    expect(app.visible).toEqual(['rows-2025']);
    expect(app.notices).toEqual(['Uit de link genegeerd (onbekend of verouderd): layers=jeugdregio-2016, gm=GM9999']);
    const cleanup = connect(sync);
    expect(calls).toEqual([{ kind: 'replace', url: '/atlas/?layers=rows-2025&fill=rows-2025#top' }]);
    cleanup();
  });

  it('a link without a query gets the default view written in place (replace, not a new entry)', () => {
    const app = readyState();
    const { browser, calls } = fakeBrowser('');
    const sync = new UrlSync(app, browser);
    sync.restore();
    const cleanup = connect(sync);
    expect(calls).toEqual([{ kind: 'replace', url: `/atlas/${DEFAULT_QUERY}#top` }]);
    cleanup();
  });

  it('pushes a new history entry when what is shown changes, replaces it when only the map moves', () => {
    const app = readyState();
    const { browser, calls } = fakeBrowser(DEFAULT_QUERY);
    const sync = new UrlSync(app, browser);
    sync.restore();
    const cleanup = connect(sync);
    expect(calls).toEqual([]);

    app.toggleLayer('partial-2025');
    flushSync();
    expect(calls).toEqual([
      { kind: 'push', url: '/atlas/?layers=rows-2025,columns-2025,partial-2025&fill=rows-2025#top' },
    ]);

    app.setViewport(viewport(5.15));
    flushSync();
    app.setViewport(viewport(5.2));
    flushSync();
    expect(calls.slice(1).map((c) => c.kind)).toEqual(['replace', 'replace']);
    expect(calls.at(-1)?.url).toBe(
      '/atlas/?layers=rows-2025,columns-2025,partial-2025&fill=rows-2025&map=5.2000,52.1500,9.00#top',
    );

    app.selectOnMap('GM0001');
    flushSync();
    expect(calls.at(-1)).toEqual({
      kind: 'push',
      url: '/atlas/?layers=rows-2025,columns-2025,partial-2025&fill=rows-2025&gm=GM0001&via=rows-2025&panel=region&map=5.2000,52.1500,9.00#top',
    });
    expect(calls).toHaveLength(4);
    cleanup();
  });

  it('back and forward (popstate) restore the entry’s view without writing a new one', () => {
    const app = readyState();
    const { browser, calls, popTo } = fakeBrowser(DEFAULT_QUERY);
    const sync = new UrlSync(app, browser);
    sync.restore();
    const cleanup = connect(sync);
    app.openPair('rows-2025', 'columns-2025');
    flushSync();
    const pairQuery =
      '?layers=rows-2025,columns-2025&fill=rows-2025&pair=rows-2025,columns-2025&panel=pair&metric=congruence';
    expect(calls).toEqual([{ kind: 'push', url: `/atlas/${pairQuery}#top` }]);

    popTo(DEFAULT_QUERY);
    flushSync();
    expect(app.panel).toBeNull();
    popTo(pairQuery);
    flushSync();
    expect(app.panel).toEqual({ kind: 'pair', a: 'rows-2025', b: 'columns-2025' });
    expect(calls).toHaveLength(1);

    // A later change after going back is a new entry again.
    app.closePanel();
    flushSync();
    expect(calls.at(-1)).toEqual({ kind: 'push', url: `/atlas/${DEFAULT_QUERY}#top` });

    // A popstate with outdated parameters restores what it can and says what it ignored.
    popTo('?layers=rows-2025,gone-2019');
    flushSync();
    expect(app.visible).toEqual(['rows-2025']);
    expect(app.notices).toEqual(['Uit de link genegeerd (onbekend of verouderd): layers=gone-2019']);

    cleanup();
    // Once disconnected, back and forward no longer touch the state.
    popTo(pairQuery);
    expect(app.panel).toBeNull();
  });

  it('a link of another year asks for that year and restores its view once it is there; a chosen year keeps the view', () => {
    const app = readyState();
    app.years = [2016, 2025].map((year) => ({ year, geometryId: `grid-${year}`, municipalityCount: 9, layers: [] }));
    const { browser, calls, popTo } = fakeBrowser(DEFAULT_QUERY);
    const sync = new UrlSync(app, browser);
    sync.yearReady();
    const cleanup = connect(sync);
    expect(app.requestedYear).toBeNull();
    expect(calls).toEqual([]);
    // Back to an entry of 2016: the year is asked for, nothing of its view is applied to 2025's layers.
    popTo('?year=2016&layers=rows-2016&fill=none');
    expect(app.requestedYear).toBe(2016);
    expect(app.visible).toEqual(['rows-2025', 'columns-2025']);
    expect(app.notices).toEqual([]);
    // 2016 is there: its view is restored, and the link keeps the year.
    app.setLoaded({ status: 'ready', atlas: gridAtlasOfYear(2016, 'rows', 'columns'), former: [], fileErrors: [] });
    sync.yearReady();
    flushSync();
    expect(app.visible).toEqual(['rows-2016']);
    expect(app.filled).toBeNull();
    expect(browser.location.search).toBe('?year=2016&layers=rows-2016&fill=none');
    // A year chosen in the control (not by a link): the carried-over view stays, and the link follows it.
    app.setLoaded({ status: 'ready', atlas: gridAtlasOfYear(2025, 'rows', 'columns'), former: [], fileErrors: [] });
    sync.yearReady();
    flushSync();
    expect(app.visible).toEqual(['rows-2025']);
    expect(browser.location.search).toBe('?layers=rows-2025&fill=none');
    cleanup();
  });

  it('a link naming a layer drawn on another year’s gemeenten has it made first, then restores the view', async () => {
    const app = readyState();
    const link = '?layers=rows-2025,columns-2024~2025&pair=rows-2025,columns-2024~2025&panel=pair';
    const { browser, calls } = fakeBrowser(link);
    const asked: string[][] = [];
    // The grid's columns as if of 2024, drawn on the gemeenten of 2025 (the grid).
    const columns = gridLayerFile('columns', true);
    const overlay = { ...columns, meta: { ...columns.meta, id: 'columns-2024~2025' } };
    const sync = new UrlSync(app, browser, async (ids) => {
      asked.push(ids);
      return [overlay];
    });
    sync.restore();
    const cleanup = connect(sync);
    expect(asked).toEqual([['columns-2024~2025']]);
    // While the layer is made, the address keeps the link (the default view is not written over it).
    expect(calls).toEqual([]);
    await new Promise((r) => setTimeout(r, 0));
    flushSync();
    expect(browser.location.search).toBe(
      '?layers=columns-2024~2025,rows-2025&fill=rows-2025&pair=rows-2025,columns-2024~2025&panel=pair&metric=congruence',
    );
    cleanup();
    expect(app.overlays.map((o) => o.meta.id)).toEqual(['columns-2024~2025']);
    expect(app.panel).toEqual({ kind: 'pair', a: 'rows-2025', b: 'columns-2024~2025' });
    // In the order of the atlas's layers, where the added ones come first.
    expect(app.visible).toEqual(['columns-2024~2025', 'rows-2025']);
    expect(app.notices).toEqual([]);
  });

  it('a projected id that names nothing is asked for once, then ignored with the notice', async () => {
    const app = readyState();
    const { browser } = fakeBrowser('?layers=rows-2025,nothing-1999~2025');
    let calls = 0;
    const sync = new UrlSync(app, browser, async () => {
      calls++;
      return [];
    });
    sync.restore();
    await new Promise((r) => setTimeout(r, 0));
    expect(calls).toBe(1);
    expect(app.visible).toEqual(['rows-2025']);
    expect(app.notices).toEqual(['Uit de link genegeerd (onbekend of verouderd): layers=nothing-1999~2025']);
  });

  it('a year chosen while a link’s year loads is not taken back when either year arrives later', () => {
    const app = readyState();
    app.years = [2016, 2022, 2025].map((year) => ({
      year,
      geometryId: `grid-${year}`,
      municipalityCount: 9,
      layers: [],
    }));
    const { browser, popTo } = fakeBrowser(DEFAULT_QUERY);
    const sync = new UrlSync(app, browser);
    sync.yearReady();
    const cleanup = connect(sync);
    popTo('?year=2016&layers=rows-2016');
    expect(app.requestedYear).toBe(2016);
    // Before 2016 arrives the user picks 2022, which arrives first: the link's 2016 is not asked for again.
    app.chooseYear(2022);
    app.setLoaded({ status: 'ready', atlas: gridAtlasOfYear(2022, 'rows', 'columns'), former: [], fileErrors: [] });
    sync.yearReady();
    flushSync();
    expect(app.requestedYear).toBe(2022);
    // Later the user picks 2016 in the control: its own carried-over view, not the old link's.
    app.chooseYear(2016);
    app.setLoaded({ status: 'ready', atlas: gridAtlasOfYear(2016, 'rows', 'columns'), former: [], fileErrors: [] });
    sync.yearReady();
    flushSync();
    expect(app.requestedYear).toBe(2016);
    expect(app.visible).toEqual(['rows-2016', 'columns-2016']);
    cleanup();
  });

  it('does nothing before the atlas is loaded', () => {
    const app = new AppState();
    const { browser, calls, popTo } = fakeBrowser('?layers=rows-2025&lang=en');
    const sync = new UrlSync(app, browser);
    sync.restore();
    const cleanup = connect(sync);
    popTo('?lang=en');
    flushSync();
    expect(app.lang).toBe('nl');
    expect(calls).toEqual([]);
    cleanup();
  });

  it('the link is the full address of the view, camera included', () => {
    const app = readyState();
    const sync = new UrlSync(app, fakeBrowser().browser);
    expect(sync.link).toBe(`${ORIGIN}/atlas/${DEFAULT_QUERY}`);
    app.lang = 'en';
    app.setViewport(viewport(5.1));
    expect(sync.link).toBe(
      `${ORIGIN}/atlas/?lang=en&layers=rows-2025,columns-2025&fill=rows-2025&map=5.1000,52.1500,9.00`,
    );
  });
});
