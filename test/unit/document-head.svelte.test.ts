import { describe, expect, it } from 'vitest';
import { flushSync } from 'svelte';
import { AppState } from '../../src/lib/state/app-state.svelte';
import { DocumentHead, type DocumentLike } from '../../src/lib/state/document-head.svelte';
import { buildAtlas } from '../../src/lib/data/atlas';
import { GRID, GRID_GEOMETRY, gridLayerFile } from '../fixtures/grid';

describe('DocumentHead', () => {
  it('keeps <html lang> and the title in step with the language and the selected gemeente', () => {
    const app = new AppState();
    const doc: DocumentLike = { title: '', documentElement: { lang: '' } };
    const head = new DocumentHead(app, doc);
    const cleanup = $effect.root(() => {
      $effect(() => head.writeLang());
      $effect(() => head.writeTitle());
    });
    flushSync();
    expect(doc).toEqual({ title: 'Samenwerkingsatlas', documentElement: { lang: 'nl' } });

    app.setLoaded({
      status: 'ready',
      atlas: buildAtlas(GRID_GEOMETRY, GRID, [gridLayerFile('rows', true)]),
      former: [],
      fileErrors: [],
    });
    app.selectOnMap('GM0005');
    flushSync();
    expect(doc.title).toBe('Midden · Samenwerkingsatlas');

    app.lang = 'en';
    app.openProfile('GM0001');
    flushSync();
    expect(doc).toEqual({ title: 'Noordwest · Samenwerkingsatlas', documentElement: { lang: 'en' } });

    app.closePanel();
    flushSync();
    expect(doc.title).toBe('Samenwerkingsatlas');
    cleanup();
  });
});
