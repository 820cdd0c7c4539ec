/**
 * The import worker's request/response API (src/lib/import/import-engine.ts and src/lib/worker/import-client.ts): the client
 * and the engine talk over a real MessageChannel (structured clone, as between the page and a Web Worker), so the
 * context, the file's bytes, progress and the result travel exactly as in the browser. Cancelling stops the
 * worker, and the next import starts a new one.
 */
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { ImportClient, type ImportWorkerEnd } from '../../src/lib/worker/import-client';
import { isAbort } from '../../src/lib/errors';

/** The error of a cancelled import: a DOMException named AbortError. */
const isAbortError = (error: unknown): boolean => error instanceof DOMException && isAbort(error);
import { PROGRESS_INTERVAL_MS, runImportRequest, type ImportRequest } from '../../src/lib/import/import-engine';
import { importFile, importText } from '../../src/lib/import/import-file';
import { plainImportContext, type ImportContext } from '../../src/lib/import/problems';
import { importContext, utf8 } from '../fixtures/import-atlas';

const ports: MessagePort[] = [];
afterEach(() => {
  for (const port of ports.splice(0)) port.close();
});

/** The import context as the panel sends it (plain data). */
function plainContext(): ImportContext {
  return plainImportContext(importContext());
}

/** A client whose "workers" are engines behind MessageChannels; `started` counts them, `stopped` those ended. */
function connect(): { client: ImportClient; started: () => number; stopped: () => number } {
  let started = 0;
  let stopped = 0;
  const client = new ImportClient((receive) => {
    started++;
    const { port1, port2 } = new MessageChannel();
    ports.push(port1, port2);
    port2.on('message', (request: ImportRequest) => runImportRequest(request, (r) => port2.postMessage(r)));
    port1.on('message', receive);
    return {
      postMessage: (request) => port1.postMessage(request),
      terminate: () => {
        stopped++;
        port1.close();
        port2.close();
      },
    };
  });
  return { client, started: () => started, stopped: () => stopped };
}

const GEOJSON = JSON.stringify({
  type: 'FeatureCollection',
  features: [
    {
      type: 'Feature',
      properties: { naam: 'Noord' },
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [5.0, 52.2],
            [5.3, 52.2],
            [5.3, 52.3],
            [5.0, 52.3],
            [5.0, 52.2],
          ],
        ],
      },
    },
  ],
});

describe('imports in the worker', () => {
  it('give the same result as the importer in-process, for a file and for pasted text', async () => {
    const { client } = connect();
    const context = plainContext();
    const bytes = utf8('gemeente;regio\nAmsterdm;Noord\nUtrecht;Midden\n');
    const options = { corrections: { Amsterdm: 'GM0363' } };
    expect(await client.run({ kind: 'file', bytes }, 'regios.csv', context, options)).toEqual(
      importFile(bytes, 'regios.csv', importContext(), options),
    );
    const text = 'gemeente,regio\nUtrecht,Midden\n';
    expect(await client.run({ kind: 'text', text }, 'plak.csv', context, {})).toEqual(
      importText(text, 'plak.csv', importContext()),
    );
  });

  it('report the progress of a GeoJSON import: the last report says every gemeente is measured', async () => {
    const { client } = connect();
    const seen: [number, number][] = [];
    const result = await client.run(
      { kind: 'file', bytes: utf8(GEOJSON) },
      'vlak.geojson',
      plainContext(),
      {},
      {
        onProgress: (done, total) => seen.push([done, total]),
      },
    );
    expect(result.layer?.regions.map((r) => r.name)).toEqual(['Noord']);
    expect(seen.at(-1)).toEqual([9, 9]);
  });

  it('cancel by stopping the worker: the import rejects with an AbortError, and the next one starts anew', async () => {
    // A worker that never answers, as one busy with a large file.
    let terminated = 0;
    const posted: ImportRequest[] = [];
    const client = new ImportClient((): ImportWorkerEnd => ({
      postMessage: (request) => posted.push(request),
      terminate: () => terminated++,
    }));
    const controller = new AbortController();
    const running = client.run({ kind: 'text', text: 'x' }, 'a.csv', plainContext(), {}, { signal: controller.signal });
    expect(client.isRunning).toBe(true);
    controller.abort();
    await expect(running).rejects.toSatisfy(isAbortError);
    expect(terminated).toBe(1);
    expect(client.isRunning).toBe(false);
    // A newer import cancels the one under way too.
    const first = client.run({ kind: 'text', text: 'x' }, 'a.csv', plainContext(), {});
    const second = client.run({ kind: 'text', text: 'y' }, 'b.csv', plainContext(), {});
    await expect(first).rejects.toSatisfy(isAbortError);
    expect(terminated).toBe(2);
    expect(posted.map((r) => r.fileName)).toEqual(['a.csv', 'a.csv', 'b.csv']);
    client.stop();
    await expect(second).rejects.toSatisfy(isAbortError);
  });

  it('after a cancel, a new worker imports as before', async () => {
    const { client, started, stopped } = connect();
    const controller = new AbortController();
    const cancelled = client.run(
      { kind: 'file', bytes: utf8(GEOJSON) },
      'vlak.geojson',
      plainContext(),
      {},
      {
        signal: controller.signal,
      },
    );
    controller.abort();
    await expect(cancelled).rejects.toSatisfy(isAbortError);
    const result = await client.run(
      { kind: 'text', text: 'gemeente;regio\nUtrecht;Midden\n' },
      'a.csv',
      plainContext(),
      {},
    );
    expect(result.layer?.regions).toHaveLength(1);
    expect([started(), stopped()]).toEqual([2, 1]);
  });

  it('a worker that fails rejects the import with its error instead of waiting for ever', async () => {
    let fail: (error: Error) => void = () => {};
    const client = new ImportClient((_receive, onFail) => {
      fail = onFail;
      return { postMessage: () => {}, terminate: () => {} };
    });
    const running = client.run({ kind: 'text', text: 'x' }, 'a.csv', plainContext(), {});
    fail(new Error('the import worker failed: out of memory'));
    await expect(running).rejects.toThrow('out of memory');
    expect(client.isRunning).toBe(false);
  });
});

describe('runImportRequest', () => {
  it('sends progress at most every PROGRESS_INTERVAL_MS, always the last step, then the result', () => {
    let clock = 0;
    const sent: string[] = [];
    runImportRequest(
      {
        kind: 'import',
        id: 7,
        input: { kind: 'text', text: GEOJSON },
        fileName: 'v.geojson',
        context: plainContext(),
        options: {},
      },
      (response) => sent.push(response.kind === 'progress' ? `${response.done}/${response.total}` : response.kind),
      () => (clock += PROGRESS_INTERVAL_MS / 3),
    );
    // Nine gemeenten, a third of the interval each: the first, then every third, and the last.
    expect(sent).toEqual(['1/9', '4/9', '7/9', '9/9', 'result']);
  });
});
