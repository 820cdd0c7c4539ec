import { describe, expect, it } from 'vitest';
import { flushSync } from 'svelte';
import { readyGridApp } from '../fixtures/grid-app';

const readyState = readyGridApp;

describe('AppState', () => {
  it('shows the default layers and fills the first', () => {
    const app = readyState();
    expect(app.visible).toEqual(['rows-2025', 'columns-2025']);
    expect(app.shownFill).toBe('rows-2025');
  });

  it('keeps visible layers in registry order whatever the order of clicks', () => {
    const app = readyState();
    app.toggleLayer('rows-2025');
    app.toggleLayer('partial-2025');
    app.toggleLayer('rows-2025');
    expect(app.visible).toEqual(['rows-2025', 'columns-2025', 'partial-2025']);
  });

  it('a map click opens the region through the filled layer; hiding that layer closes it', () => {
    const app = readyState();
    app.selectOnMap('GM0005');
    expect(app.panel).toEqual({ kind: 'region', municipality: 'GM0005', layerId: 'rows-2025' });
    expect(app.highlightedRegion).toEqual({ layerId: 'rows-2025', code: 'R2' });
    app.toggleLayer('rows-2025');
    expect(app.panel).toBeNull();
  });

  it('the pair view draws only the pair, without fill', () => {
    const app = readyState();
    app.openPair('rows-2025', 'partial-2025');
    flushSync();
    expect(app.mapLayers).toEqual(['rows-2025', 'partial-2025']);
    expect(app.mapFill).toBeNull();
    // The congruence colouring comes with the worker's comparison (test/unit/stats-state.svelte.test.ts).
    expect(app.congruence.size).toBe(0);
  });

  it('border mode counts the borders of the drawn layers', () => {
    const app = readyState();
    expect(app.borderCounts).toBeNull();
    app.isBorderMode = true;
    expect(app.borderCounts?.features).toHaveLength(12);
  });

  it('a view written to a link and read back gives the same state', () => {
    const app = readyState();
    app.toggleLayer('partial-2025');
    app.setFilled('columns-2025');
    app.lang = 'en';
    app.openPair('columns-2025', 'rows-2025');
    app.metric = 'ari';
    app.camera = { lng: 5.1, lat: 52.1, zoom: 8 };
    const view = app.toView();
    const copy = readyState();
    copy.applyView(view);
    expect(copy.toView()).toEqual(view);
    expect(copy.panel).toEqual({ kind: 'pair', a: 'columns-2025', b: 'rows-2025' });
    expect(copy.mapRequest).toMatchObject({ camera: { lng: 5.1, lat: 52.1, zoom: 8 } });
  });

  it('a link with a gemeente and a layer opens the region panel; with a gemeente only, the profile', () => {
    const app = readyState();
    app.applyView({ ...app.toView(), municipality: 'GM0001', regionLayer: 'columns-2025', panel: null });
    expect(app.panel).toEqual({ kind: 'region', municipality: 'GM0001', layerId: 'columns-2025' });
    app.applyView({ ...app.toView(), municipality: 'GM0001', regionLayer: null, panel: null });
    expect(app.panel).toEqual({ kind: 'profile', municipality: 'GM0001' });
  });
});
