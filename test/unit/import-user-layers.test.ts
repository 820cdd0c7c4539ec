import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DataError } from '../../src/lib/errors';
import { importText } from '../../src/lib/import/import-file';
import { renameLayer } from '../../src/lib/import/what-if';
import {
  UserLayerStorageError,
  deleteUserLayer,
  listUserLayers,
  saveUserLayer,
} from '../../src/lib/storage/user-layers';
import { putRaw } from '../fixtures/user-layer-store';
import type { LayerFile } from '../../src/lib/types';
import { importContext, rowsLayer } from '../fixtures/import-atlas';

const context = importContext();
const layerFrom = (text: string, name: string): LayerFile => importText(text, name, context).layer!;
const alpha = () => layerFrom('gemeente;regio\nUtrecht;Midden\nTilburg;Zuid\n', 'alpha.csv');
const beta = () => layerFrom('gemeente;regio\nAmsterdam;Noord\n', 'Beta.csv');

beforeEach(() => {
  // A fresh, empty database per test.
  vi.stubGlobal('indexedDB', new IDBFactory());
});
afterEach(() => {
  vi.unstubAllGlobals();
});

describe('user layers in IndexedDB', () => {
  it('starts empty', async () => {
    expect(await listUserLayers()).toEqual([]);
  });

  it('saves, lists (sorted by name) and survives a reload (a new connection)', async () => {
    await saveUserLayer(beta());
    await saveUserLayer(alpha());
    const listed = await listUserLayers();
    expect(listed).toEqual([alpha(), beta()]);
  });

  it('replaces a layer saved again under the same id (rename)', async () => {
    await saveUserLayer(alpha());
    await saveUserLayer(renameLayer(alpha(), 'Andere naam'));
    const listed = await listUserLayers();
    expect(listed.map((l) => l.meta.name.nl)).toEqual(['Andere naam']);
    expect(listed[0]?.regions).toEqual(alpha().regions);
  });

  it('deletes by id; deleting an unknown id is no error', async () => {
    await saveUserLayer(alpha());
    await saveUserLayer(beta());
    await deleteUserLayer(alpha().meta.id);
    await deleteUserLayer('eigen-bestaat-niet-2025');
    expect((await listUserLayers()).map((l) => l.meta.id)).toEqual([beta().meta.id]);
  });

  it('stores plain JSON, so a reactive proxy or a class instance is fine to pass', async () => {
    const layer = alpha();
    const proxy = new Proxy(layer, {});
    await saveUserLayer(proxy);
    expect(await listUserLayers()).toEqual([layer]);
  });

  it('refuses to store a built-in layer or an invalid one (DataError), and stores nothing', async () => {
    await expect(saveUserLayer(rowsLayer())).rejects.toThrow('only user layers');
    const broken = { ...alpha(), regions: [{ code: 'A', name: '', members: [] }] };
    await expect(saveUserLayer(broken)).rejects.toBeInstanceOf(DataError);
    expect(await listUserLayers()).toEqual([]);
  });

  it('skips and reports a corrupt record, and still lists the others', async () => {
    await saveUserLayer(alpha());
    await putRaw('eigen-kapot-2025', { format: 'samenwerkingsatlas/layer@1', meta: { id: 'eigen-kapot-2025' } });
    await putRaw('rows-2025', JSON.parse(JSON.stringify(rowsLayer())));
    await putRaw('eigen-elders-2025', JSON.parse(JSON.stringify(beta())));
    const skipped: { key: string; message: string }[] = [];
    const listed = await listUserLayers((s) => skipped.push(s));
    expect(listed).toEqual([alpha()]);
    expect(skipped.map((s) => s.key)).toEqual(['eigen-elders-2025', 'eigen-kapot-2025', 'rows-2025']);
    expect(skipped[0]?.message).toContain('stored under another id');
    expect(skipped[1]?.message).toContain('meta.kind');
    expect(skipped[2]?.message).toContain('only user layers');
  });

  it('rejects with reason "unavailable" when IndexedDB does not exist (some private modes)', async () => {
    vi.stubGlobal('indexedDB', undefined);
    await expect(listUserLayers()).rejects.toMatchObject({ name: 'UserLayerStorageError', reason: 'unavailable' });
    await expect(saveUserLayer(alpha())).rejects.toBeInstanceOf(UserLayerStorageError);
    await expect(deleteUserLayer('x')).rejects.toBeInstanceOf(UserLayerStorageError);
  });

  it('rejects with reason "unavailable" when opening throws (SecurityError)', async () => {
    vi.stubGlobal('indexedDB', {
      open: () => {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      },
    });
    await expect(listUserLayers()).rejects.toMatchObject({ reason: 'unavailable' });
  });
});
