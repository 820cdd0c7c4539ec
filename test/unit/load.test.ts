import { afterEach, describe, expect, it, vi } from 'vitest';
import { createHash } from 'node:crypto';
import { assembleYear, readManifest, type DataSource, type LoadedAtlas } from '../../src/lib/data/assemble';
import { httpSource } from '../../src/lib/data/load';
import { DataError } from '../../src/lib/errors';
import type { Manifest } from '../../src/lib/types';
import { GRID, GRID_GEOMETRY, gridLayerFile } from '../../test/fixtures/grid';

const BASE = 'http://test/data/';

function serve(files: Record<string, string | { status: number }>) {
  vi.stubGlobal('fetch', async (url: string) => {
    const body = files[url.slice(BASE.length)];
    if (body === undefined) return new Response('missing', { status: 404, statusText: 'Not Found' });
    if (typeof body !== 'string') return new Response('', { status: body.status });
    return new Response(body, { status: 200 });
  });
}

function gridFiles(): Record<string, string> {
  const topo = JSON.stringify(GRID);
  const rows = JSON.stringify(gridLayerFile('rows', true));
  const cols = JSON.stringify(gridLayerFile('columns', true));
  const sha = (s: string) => createHash('sha256').update(s).digest('hex');
  const manifest: Manifest = {
    format: 'samenwerkingsatlas/manifest@1',
    geometries: [{ ...GRID_GEOMETRY, sha256: sha(topo) }],
    layers: [
      {
        id: 'rows-2025',
        file: 'layers/rows-2025.json',
        sha256: sha(rows),
        geometryId: GRID_GEOMETRY.id,
        regionCount: 3,
        coveredCount: 9,
      },
      {
        id: 'columns-2025',
        file: 'layers/columns-2025.json',
        sha256: sha(cols),
        geometryId: GRID_GEOMETRY.id,
        regionCount: 3,
        coveredCount: 9,
      },
    ],
  };
  return {
    'manifest.json': JSON.stringify(manifest),
    [GRID_GEOMETRY.file]: topo,
    'layers/rows-2025.json': rows,
    'layers/columns-2025.json': cols,
  };
}

afterEach(() => vi.unstubAllGlobals());

describe('the newest year over HTTP (httpSource, readManifest, assembleYear)', () => {
  it('loads manifest, topology and every layer', async () => {
    serve(gridFiles());
    const { atlas, fileErrors } = await loadNewestYear(httpSource(BASE, new AbortController().signal));
    expect(fileErrors).toEqual([]);
    expect(atlas.layers.map((l) => l.meta.id)).toEqual(['rows-2025', 'columns-2025']);
    expect(atlas.municipalities).toHaveLength(9);
  });

  it('names the URL and status of a failed request', async () => {
    serve({});
    await expect(loadNewestYear(httpSource(BASE, new AbortController().signal))).rejects.toThrow(
      `${BASE}manifest.json: HTTP 404`,
    );
  });

  it('names the file that is not valid JSON', async () => {
    serve({ ...gridFiles(), [GRID_GEOMETRY.file]: '{"type":' });
    await expect(loadNewestYear(httpSource(BASE, new AbortController().signal))).rejects.toThrow(
      `${BASE}${GRID_GEOMETRY.file}: not valid JSON`,
    );
  });

  it('leaves out a broken layer and reports it, keeping the others', async () => {
    serve({ ...gridFiles(), 'layers/columns-2025.json': { status: 500 } });
    const { atlas, fileErrors } = await loadNewestYear(httpSource(BASE, new AbortController().signal));
    expect(atlas.layers.map((l) => l.meta.id)).toEqual(['rows-2025']);
    expect(fileErrors).toHaveLength(1);
    expect(fileErrors[0]).toMatchObject({ id: 'columns-2025', file: 'layers/columns-2025.json' });
    expect(fileErrors[0]!.message).toContain('HTTP 500');
  });

  it('rejects a layer whose members are not gemeenten of the topology', async () => {
    const files = gridFiles();
    const bad = gridLayerFile('columns', true);
    bad.regions = bad.regions.map((r, i) => (i === 0 ? { ...r, members: ['GM0001', 'GM0004', 'GM9999'] } : r));
    serve({ ...files, 'layers/columns-2025.json': JSON.stringify(bad) });
    const { fileErrors } = await loadNewestYear(httpSource(BASE, new AbortController().signal));
    expect(fileErrors[0]!.message).toContain('GM9999');
  });

  it('names the file when the network fails, as a data problem rather than an internal error', async () => {
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('Failed to fetch');
    });
    const failure = loadNewestYear(httpSource(BASE, new AbortController().signal));
    await expect(failure).rejects.toThrow(`${BASE}manifest.json: could not be fetched (Failed to fetch)`);
    await expect(failure).rejects.toBeInstanceOf(DataError);
  });

  it('passes an abort on as an abort, not as a file error', async () => {
    const files = gridFiles();
    const controller = new AbortController();
    vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
      if (url.endsWith('columns-2025.json')) {
        controller.abort();
        init.signal?.throwIfAborted();
      }
      return new Response(files[url.slice(BASE.length)] ?? '', { status: 200 });
    });
    await expect(loadNewestYear(httpSource(BASE, controller.signal))).rejects.toMatchObject({ name: 'AbortError' });
  });
});

describe('reading a year (assembleYear)', () => {
  it('asks for every file of the year at once, before the gemeente topology has arrived', async () => {
    const files = gridFiles();
    const asked: string[] = [];
    let release = (): void => undefined;
    const topologyHeld = new Promise<void>((resolve) => (release = resolve));
    const source: DataSource = {
      nameOf: (file) => file,
      readText: async (file) => {
        asked.push(file);
        if (file === GRID_GEOMETRY.file) await topologyHeld;
        return files[file]!;
      },
    };
    const manifest = await readManifest(source);
    const loading = assembleYear(source, manifest, null);
    expect(asked).toEqual(['manifest.json', GRID_GEOMETRY.file, 'layers/rows-2025.json', 'layers/columns-2025.json']);
    release();
    const { atlas, fileErrors } = await loading;
    expect(atlas.layers.map((l) => l.meta.id)).toEqual(['rows-2025', 'columns-2025']);
    expect(fileErrors).toEqual([]);
    // Each file once: what was asked for early is what is used (a preloaded response is not fetched again).
    expect(asked).toHaveLength(4);
  });

  it('fails on a broken topology with its message, leaving no layer failure unhandled', async () => {
    const files = gridFiles();
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown): void => void unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const source: DataSource = {
        nameOf: (file) => file,
        readText: async (file) => {
          if (file === GRID_GEOMETRY.file) return '{"type": "Topology"';
          if (file.startsWith('layers/')) throw new DataError(`${file}: could not be read`, file);
          return files[file]!;
        },
      };
      await expect(assembleYear(source, await readManifest(source), null)).rejects.toThrow(GRID_GEOMETRY.file);
      // Unhandled rejections are reported after the current task: give them one.
      await new Promise((resolve) => setTimeout(resolve, 0));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});

/** The newest year of a data source, as the app opens it: the manifest, then that year's files. */
async function loadNewestYear(source: DataSource): Promise<LoadedAtlas> {
  return assembleYear(source, await readManifest(source), null);
}
