/**
 * The statistics worker's request/response API (src/lib/worker): the client and the engine talk over a real
 * MessageChannel (structured clone, as between the page and a Web Worker), so results, progress, cancel
 * and errors travel exactly as in the browser.
 */
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { DataError } from '../../src/lib/errors';
import { computeMatrices, matrixOf } from '../../src/lib/stats/matrix';
import { compareLayers, METRICS } from '../../src/lib/stats/pair';
import type { LayerFile } from '../../src/lib/types';
import { StatsClient } from '../../src/lib/worker/stats-client';
import { StatsEngine } from '../../src/lib/worker/stats-engine';
import type { StatsPort, StatsRequest, StatsResponse } from '../../src/lib/worker/protocol';
import { GRID, GRID_GEOMETRY, LAYOUTS, gridLayerFile } from '../fixtures/grid';
import { gridAtlas } from '../fixtures/grid-atlas';

type Kind = keyof typeof LAYOUTS;
const KINDS = Object.keys(LAYOUTS) as Kind[];
const files = (): LayerFile[] =>
  KINDS.map((kind) => gridLayerFile(kind, kind !== 'partial' && kind !== 'overlap', kind === 'overlap'));
const ids = KINDS.map((kind) => `${kind}-2025`);

const ports: MessagePort[] = [];
afterEach(() => {
  for (const port of ports.splice(0)) port.close();
});

/**
 * A client talking to an engine over a MessageChannel. `everyPairYields` makes the engine's clock jump so
 * that it reports progress and looks for a cancel after every pair. `seen` collects what the engine sends.
 */
function connect(everyPairYields = false): { client: StatsClient; seen: StatsResponse[]; requests: StatsRequest[] } {
  const { port1, port2 } = new MessageChannel();
  ports.push(port1, port2);
  let clock = 0;
  const engine = new StatsEngine(undefined, everyPairYields ? () => (clock += 1000) : undefined);
  engine.listen(port2 as unknown as StatsPort<StatsResponse, StatsRequest>);
  const seen: StatsResponse[] = [];
  port1.on('message', (response: StatsResponse) => seen.push(response));
  const requests: StatsRequest[] = [];
  port2.on('message', (request: StatsRequest) => requests.push(request));
  const client = new StatsClient(port1 as unknown as StatsPort<StatsRequest, StatsResponse>);
  client.setAtlas(GRID_GEOMETRY, GRID, files());
  return { client, seen, requests };
}

describe('statistics in the worker', () => {
  it('computes every metric of the matrix as the library does in-process', async () => {
    const { client } = connect();
    const result = await client.matrix(ids);
    const expected = computeMatrices(
      gridAtlas(),
      ids,
      METRICS.map((m) => m.id),
    );
    for (const matrix of expected) expect(matrixOf(result.layerIds, result.pairs, matrix.metric)).toEqual(matrix);
  });

  // Issue 12: a partial layer's figures rest on few gemeenten, and the matrix says how many.
  it('says for every pair of the matrix on how many gemeenten it rests, as the pair comparison does', async () => {
    const { client } = connect();
    const result = await client.matrix(ids);
    const atlas = gridAtlas();
    for (let i = 0; i < ids.length; i++) {
      for (let j = i; j < ids.length; j++) {
        expect(result.coverage?.[i]?.[j], `${ids[i]} × ${ids[j]}`).toEqual(
          compareLayers(atlas, ids[i]!, ids[j]!).coverage,
        );
      }
    }
    // The partial layer covers 4 of the grid's 9 gemeenten.
    const partial = ids.indexOf('partial-2025');
    expect(result.coverage?.[0]?.[partial]).toMatchObject({ commonCount: 4, totalCount: 9 });
  });

  it('gives the full pair comparison, for the weight asked', async () => {
    const { client } = connect();
    const comparison = await client.pair('rows-2025', 'ell-2025', 'area');
    expect(comparison).toEqual(compareLayers(gridAtlas(), 'rows-2025', 'ell-2025', { weight: 'area' }));
  });

  it('reports progress in layer pairs up to the total', async () => {
    const { client } = connect(true);
    const progress: [number, number][] = [];
    await client.matrix(ids, { onProgress: (done, total) => progress.push([done, total]) });
    const total = (ids.length * (ids.length + 1)) / 2;
    expect(progress.length).toBeGreaterThan(1);
    expect(progress.every(([, t]) => t === total)).toBe(true);
    expect(progress.map(([done]) => done)).toEqual([...progress.map(([done]) => done)].sort((x, y) => x - y));
    // The clock jumps at every pair, so every pair reports, the last one with all pairs done.
    expect(progress.at(-1)).toEqual([total, total]);
  });

  it('cancels an older matrix request when a newer one comes, and answers the newer', async () => {
    const { client, seen } = connect(true);
    const older = client.matrix(ids);
    const newer = client.matrix(ids.slice(0, 3));
    await expect(older).rejects.toMatchObject({ name: 'AbortError' });
    const result = await newer;
    expect(result.layerIds).toEqual(ids.slice(0, 3));
    // The engine stopped the older one (it said so) instead of computing it to the end.
    const olderId = seen.find((r) => r.kind === 'progress')!.id;
    expect(seen.some((r) => r.kind === 'cancelled' && r.id === olderId)).toBe(true);
    expect(seen.some((r) => r.kind === 'result' && r.id === olderId)).toBe(false);
  });

  it('cancels a request whose signal aborts, and one aborted before it starts', async () => {
    const { client, seen, requests } = connect(true);
    const controller = new AbortController();
    const request = client.matrix(ids, { signal: controller.signal, onProgress: () => controller.abort() });
    await expect(request).rejects.toMatchObject({ name: 'AbortError' });
    await client.pair('rows-2025', 'rows-2025', 'count'); // the channel still works afterwards
    // The engine says it stopped once it next looks at its queue (bounded in turns, not in time).
    for (let turn = 0; turn < 1000 && !seen.some((r) => r.kind === 'cancelled'); turn++) {
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(seen.some((r) => r.kind === 'cancelled')).toBe(true);
    expect(seen.some((r) => r.kind === 'result' && r.id === 1)).toBe(false);
    // A request aborted before it starts reaches nothing, and does not stop the one under way.
    const running = client.matrix(ids);
    const sent = requests.length;
    await expect(client.matrix(ids, { signal: AbortSignal.abort() })).rejects.toMatchObject({ name: 'AbortError' });
    expect((await running).layerIds).toEqual(ids);
    expect(requests.slice(sent).some((r) => r.kind === 'cancel')).toBe(false);
  });

  it('answers with the data problem when the atlas sent holds a broken layer, and recovers with a good one', async () => {
    const { client } = connect();
    // A layer whose member is no gemeente of the topology: the atlas cannot be built.
    const broken = gridLayerFile('rows', true);
    broken.regions = [{ code: 'X', name: 'Nergens', members: ['GM0404'] }];
    client.setAtlas(GRID_GEOMETRY, GRID, [broken]);
    await expect(client.pair('rows-2025', 'rows-2025', 'count')).rejects.toThrow(
      'member GM0404 is not a known gemeente',
    );
    // A good atlas afterwards works again.
    client.setAtlas(GRID_GEOMETRY, GRID, files());
    expect((await client.pair('rows-2025', 'columns-2025', 'count')).a.id).toBe('rows-2025');
  });

  it('fails every request under way when the worker itself fails, and works again afterwards', async () => {
    const { client, requests } = connect(true);
    const matrix = client.matrix(ids);
    const pair = client.pair('rows-2025', 'ell-2025', 'count');
    client.failAll(new Error('the statistics worker failed: boom'));
    await expect(matrix).rejects.toThrow('the statistics worker failed: boom');
    await expect(pair).rejects.toThrow('the statistics worker failed: boom');
    // The next request sends the atlas again by itself, topology and every layer in full (a restarted worker has none).
    expect((await client.pair('rows-2025', 'ell-2025', 'count')).a.id).toBe('rows-2025');
    const resent = requests.at(-2)!;
    expect(requests.at(-1)!.kind).toBe('pair');
    expect(resent.kind === 'atlas' && resent.topology !== undefined).toBe(true);
    expect(resent.kind === 'atlas' && resent.layers.every((l) => typeof l !== 'string')).toBe(true);
  });

  it('rejects an unknown layer with a DataError naming it', async () => {
    const { client } = connect();
    const failure = client.pair('rows-2025', 'nope-2025', 'count');
    await expect(failure).rejects.toBeInstanceOf(DataError);
    await expect(failure).rejects.toThrow("Unknown layer id 'nope-2025'");
  });

  it('computes on the atlas last set: a changed layer gives new figures', async () => {
    const { client } = connect();
    const before = await client.pair('rows-2025', 'columns-2025', 'count');
    // A what-if edit: rows become columns.
    const edited = files().map((f) =>
      f.meta.id === 'rows-2025' ? { ...f, regions: gridLayerFile('columns', true).regions } : f,
    );
    client.setAtlas(GRID_GEOMETRY, GRID, edited);
    const after = await client.pair('rows-2025', 'columns-2025', 'count');
    expect(before.congruence.mean).toBe(0);
    expect(after.congruence.mean).toBe(1);
  });
});

describe('StatsEngine caches per pair of layer files', () => {
  it('recomputes only the pairs of a changed layer', async () => {
    const engine = new StatsEngine();
    const layerFiles = files();
    const run = async () => {
      let value: unknown;
      await engine.handle({ kind: 'matrix', id: 1, layerIds: ids }, (r) => {
        if (r.kind === 'result') value = r.value;
      });
      return value as { pairs: unknown[][] };
    };
    await engine.handle({ kind: 'atlas', geometry: GRID_GEOMETRY, topology: GRID, layers: layerFiles }, () => {});
    const first = await run();
    const changed = 1; // columns-2025
    const edited = { ...layerFiles[changed]!, regions: [...layerFiles[changed]!.regions] };
    const next = layerFiles.map((f, i) => (i === changed ? edited : f.meta.id));
    await engine.handle({ kind: 'atlas', geometry: GRID_GEOMETRY, layers: next }, () => {});
    const second = await run();
    for (let i = 0; i < ids.length; i++) {
      for (let j = i; j < ids.length; j++) {
        const isSame = second.pairs[i]![j] === first.pairs[i]![j];
        expect(isSame, `${ids[i]} × ${ids[j]}`).toBe(i !== changed && j !== changed);
      }
    }
  });
});
