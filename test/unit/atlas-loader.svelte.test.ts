import { afterEach, describe, expect, it } from 'vitest';
import { flushSync } from 'svelte';
import { AppState } from '../../src/lib/state/app-state.svelte';
import { AtlasLoader } from '../../src/lib/state/atlas-loader.svelte';
import type { Atlas } from '../../src/lib/data/atlas';
import { gridAtlasOfYear } from '../fixtures/grid-app';
import type { LoadedAtlas } from '../../src/lib/data/assemble';
import { DataError } from '../../src/lib/errors';
import type { LayerFile, Manifest } from '../../src/lib/types';
import { GRID_GEOMETRY, gridLayerFile } from '../fixtures/grid';

type Kind = 'rows' | 'columns' | 'partial';

function loadedAtlas(year: number, ...kinds: Kind[]): LoadedAtlas {
  return { atlas: gridAtlasOfYear(year, ...kinds), former: [], fileErrors: [] };
}

/** A manifest with the grid in 2016 (rows, columns) and 2025 (rows, columns, partial). */
const MANIFEST: Manifest = {
  format: 'samenwerkingsatlas/manifest@1',
  geometries: [2016, 2025].map((year) => ({ ...GRID_GEOMETRY, id: `grid-${year}`, year })),
  layers: [
    ...(['rows', 'columns'] as const).map((k) => entry(k, 2016)),
    ...(['rows', 'columns', 'partial'] as const).map((k) => entry(k, 2025)),
  ],
};

function entry(kind: Kind, year: number): Manifest['layers'][number] {
  const id = `${kind}-${year}`;
  return { id, file: `layers/${id}.json`, sha256: '', geometryId: `grid-${year}`, regionCount: 3, coveredCount: 9 };
}

function userLayer(): LayerFile {
  const base = gridLayerFile('columns', true);
  return { ...base, meta: { ...base.meta, id: 'eigen-columns-2025', kind: 'eigen-columns', domain: 'eigen' } };
}

/** A promise with its resolve and reject at hand. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const abortError = () => Object.assign(new Error('The operation was aborted'), { name: 'AbortError' });

/** Wait until pending promise callbacks have run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

/** A loader whose every step is a promise the test settles by hand, with a log of what ran. */
function setUp(linkYear: number | null = null) {
  const app = new AppState();
  const log: string[] = [];
  const manifests: { signal: AbortSignal; result: ReturnType<typeof deferred<Manifest>> }[] = [];
  const years: { year: number; result: ReturnType<typeof deferred<LoadedAtlas>> }[] = [];
  const userLoads: { atlas: Atlas; result: ReturnType<typeof deferred<LayerFile[]>> }[] = [];
  const loader = new AtlasLoader(app, {
    loadManifest: (signal) => {
      log.push('manifest');
      const result = deferred<Manifest>();
      manifests.push({ signal, result });
      return result.promise;
    },
    loadYear: (_manifest, year) => {
      log.push(`year ${year}`);
      const result = deferred<LoadedAtlas>();
      years.push({ year, result });
      return result.promise;
    },
    linkYear: () => linkYear,
    loadUserLayers: (atlas) => {
      log.push('user layers');
      const result = deferred<LayerFile[]>();
      userLoads.push({ atlas, result });
      return result.promise;
    },
    onready: () => log.push(`ready: ${app.year}, ${app.userLayers.length} user layer(s)`),
  });
  const cleanup = $effect.root(() => {
    $effect(() => loader.start());
  });
  flushSync();
  cleanups.push(cleanup);
  /** Answer the pending year load and the user-layer read that follows it. */
  const answerYear = async (loaded: LoadedAtlas, user: LayerFile[] = []) => {
    years.at(-1)!.result.resolve(loaded);
    await settle();
    userLoads.at(-1)!.result.resolve(user);
    await settle();
  };
  return { app, loader, log, manifests, years, userLoads, cleanup, answerYear };
}

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

describe('AtlasLoader', () => {
  it('reads the manifest, the newest year, then the user’s layers for it, then shows both and calls onready', async () => {
    const { app, log, manifests, years, userLoads } = setUp();
    expect(app.load.status).toBe('loading');
    manifests[0]!.result.resolve(MANIFEST);
    await settle();
    expect(app.years.map((y) => y.year)).toEqual([2016, 2025]);
    const loaded = loadedAtlas(2025, 'rows', 'columns');
    years[0]!.result.resolve(loaded);
    await settle();
    expect(log).toEqual(['manifest', 'year 2025', 'user layers']);
    expect(userLoads[0]!.atlas).toBe(loaded.atlas);
    // Not shown until the user's layers are there, so a link naming one of them can be restored.
    expect(app.load.status).toBe('loading');
    userLoads[0]!.result.resolve([userLayer()]);
    await settle();
    expect(log).toEqual(['manifest', 'year 2025', 'user layers', 'ready: 2025, 1 user layer(s)']);
    expect(app.atlas?.layersById.has('eigen-columns-2025')).toBe(true);
    expect(app.visible).toEqual(['rows-2025', 'columns-2025']);
  });

  it('loads the year a link names, and the newest when the data does not have it', async () => {
    for (const [linkYear, expected] of [
      [2016, 2016],
      [1999, 2025],
    ] as const) {
      const { app, manifests, years, answerYear } = setUp(linkYear);
      manifests[0]!.result.resolve(MANIFEST);
      await settle();
      expect(years.map((y) => y.year)).toEqual([expected]);
      await answerYear(loadedAtlas(expected, 'rows'));
      expect(app.year).toBe(expected);
    }
  });

  it('switching years keeps the year on screen until the next is there, and carries the view over by kind', async () => {
    const { app, log, manifests, years, answerYear } = setUp();
    manifests[0]!.result.resolve(MANIFEST);
    await settle();
    await answerYear(loadedAtlas(2025, 'rows', 'columns', 'partial'));
    app.visible = ['columns-2025', 'partial-2025'];
    app.filled = 'columns-2025';
    app.panel = { kind: 'region', municipality: 'GM0005', layerId: 'columns-2025' };

    app.chooseYear(2016);
    flushSync();
    expect(years.map((y) => y.year)).toEqual([2025, 2016]);
    expect(app.year).toBe(2025);
    expect(app.loadingYear).toBe(2016);
    expect(app.load.status).toBe('ready');
    await answerYear(loadedAtlas(2016, 'rows', 'columns'));
    expect(app.year).toBe(2016);
    expect(app.loadingYear).toBeNull();
    // The kinds that 2016 has stay visible; the partial layer has no 2016 counterpart.
    expect(app.visible).toEqual(['columns-2016']);
    expect(app.filled).toBe('columns-2016');
    expect(app.panel).toEqual({ kind: 'region', municipality: 'GM0005', layerId: 'columns-2016' });
    expect(log.filter((l) => l.startsWith('ready'))).toEqual([
      'ready: 2025, 0 user layer(s)',
      'ready: 2016, 0 user layer(s)',
    ]);
  });

  it('choosing the year on screen again while another loads leaves nothing loading', async () => {
    const { app, manifests, answerYear } = setUp();
    manifests[0]!.result.resolve(MANIFEST);
    await settle();
    await answerYear(loadedAtlas(2025, 'rows'));
    app.chooseYear(2016);
    flushSync();
    expect(app.loadingYear).toBe(2016);
    app.chooseYear(2025);
    flushSync();
    expect(app.loadingYear).toBeNull();
    expect(app.year).toBe(2025);
  });

  it('a linked year that cannot be read opens the newest year with a notice', async () => {
    const { app, manifests, years, answerYear } = setUp(2016);
    manifests[0]!.result.resolve(MANIFEST);
    await settle();
    years[0]!.result.reject(new DataError('data/municipalities-2016.topo.json: HTTP 404', 'x'));
    await settle();
    expect(years.map((y) => y.year)).toEqual([2016, 2025]);
    await answerYear(loadedAtlas(2025, 'rows'));
    expect(app.load.status).toBe('ready');
    expect(app.year).toBe(2025);
    expect(app.notices).toEqual([
      'Het jaar 2016 kon niet worden geladen: data/municipalities-2016.topo.json: HTTP 404',
    ]);
  });

  it('a kind a year lacks comes back in the next year that has it, shown and filled', () => {
    const app = new AppState();
    const ready = (atlas: LoadedAtlas) => app.setLoaded({ status: 'ready', ...atlas });
    ready(loadedAtlas(2025, 'rows', 'columns', 'partial'));
    app.visible = ['rows-2025', 'partial-2025'];
    app.filled = 'partial-2025';
    ready(loadedAtlas(2016, 'rows', 'columns'));
    expect(app.visible).toEqual(['rows-2016']);
    expect(app.filled).toBeNull();
    ready(loadedAtlas(2025, 'rows', 'columns', 'partial'));
    expect(app.visible).toEqual(['rows-2025', 'partial-2025']);
    expect(app.filled).toBe('partial-2025');
  });

  it('a year loaded before is not fetched again', async () => {
    const { app, manifests, years, answerYear, userLoads } = setUp();
    manifests[0]!.result.resolve(MANIFEST);
    await settle();
    await answerYear(loadedAtlas(2025, 'rows'));
    app.chooseYear(2016);
    flushSync();
    await answerYear(loadedAtlas(2016, 'rows'));
    app.chooseYear(2025);
    flushSync();
    await settle();
    userLoads.at(-1)!.result.resolve([]);
    await settle();
    expect(app.year).toBe(2025);
    expect(years.map((y) => y.year)).toEqual([2025, 2016]);
    expect(manifests).toHaveLength(1);
  });

  it('a year that fails to load leaves the year on screen, with a notice', async () => {
    const { app, manifests, years, answerYear } = setUp();
    manifests[0]!.result.resolve(MANIFEST);
    await settle();
    await answerYear(loadedAtlas(2025, 'rows'));
    app.chooseYear(2016);
    flushSync();
    years.at(-1)!.result.reject(new DataError('data/municipalities-2016.topo.json: HTTP 404', 'x'));
    await settle();
    expect(app.year).toBe(2025);
    expect(app.load.status).toBe('ready');
    expect(app.requestedYear).toBe(2025);
    expect(app.loadingYear).toBeNull();
    expect(app.notices).toEqual([
      'Het jaar 2016 kon niet worden geladen: data/municipalities-2016.topo.json: HTTP 404',
    ]);
  });

  it('a failure shows its message; retry starts a new attempt that can succeed', async () => {
    const { app, loader, log, manifests, answerYear } = setUp();
    manifests[0]!.result.reject(new DataError('data/manifest.json: HTTP 404 Not Found', 'data/manifest.json'));
    await settle();
    expect(app.load).toEqual({ status: 'error', message: 'data/manifest.json: HTTP 404 Not Found' });
    expect(log).toEqual(['manifest']);

    loader.retry();
    flushSync();
    expect(loader.attempt).toBe(1);
    expect(app.load.status).toBe('loading');
    manifests[1]!.result.resolve(MANIFEST);
    await settle();
    await answerYear(loadedAtlas(2025, 'rows'));
    expect(app.load.status).toBe('ready');
    expect(log.at(-1)).toBe('ready: 2025, 0 user layer(s)');
  });

  it('an internal fault is shown as one, not as a problem with the data', async () => {
    const { app, manifests } = setUp();
    manifests[0]!.result.reject(new TypeError('x is undefined'));
    await settle();
    expect(app.load).toEqual({
      status: 'error',
      message: 'Internal error (not caused by your data): TypeError: x is undefined',
    });
  });

  it('a new attempt aborts the one before, whose late answers change nothing', async () => {
    const { app, loader, log, manifests, years, userLoads } = setUp();
    manifests[0]!.result.resolve(MANIFEST);
    await settle();
    years[0]!.result.resolve(loadedAtlas(2025, 'rows'));
    await settle();
    // The first attempt waits for the user's layers when the retry comes.
    loader.retry();
    flushSync();
    expect(manifests[0]!.signal.aborted).toBe(true);
    userLoads[0]!.result.resolve([userLayer()]);
    await settle();
    expect(app.load.status).toBe('loading');
    expect(app.userLayers).toEqual([]);

    // The manifest is read once; the year, once read, comes from the loader's own store.
    await settle();
    userLoads[1]!.result.resolve([]);
    await settle();
    expect(app.load.status).toBe('ready');
    expect(app.atlas?.layers.map((l) => l.meta.id)).toEqual(['rows-2025']);
    expect(log.filter((l) => l.startsWith('ready'))).toHaveLength(1);
  });

  it('the failure of an aborted attempt is not shown over the next one', async () => {
    const { app, loader, manifests } = setUp();
    loader.retry();
    flushSync();
    manifests[0]!.result.reject(new DataError('data/manifest.json: HTTP 500', 'data/manifest.json'));
    await settle();
    expect(app.load.status).toBe('loading');
  });

  it('ending the effect aborts the load, and the abort is no error', async () => {
    const { app, manifests, cleanup } = setUp();
    cleanup();
    expect(manifests[0]!.signal.aborted).toBe(true);
    manifests[0]!.result.reject(abortError());
    await settle();
    expect(app.load.status).toBe('loading');
  });
});
