import { describe, expect, it } from 'vitest';
import { flushSync } from 'svelte';
import { readyGridApp } from '../fixtures/grid-app';
import { gridLayerFile } from '../fixtures/grid';
import { computeMultiCongruence } from '../../src/lib/stats/multi-congruence';
import { blocksLayerId } from '../../src/lib/stats/blocks-layer';
import { parseViewState, serializeViewState, knownValues } from '../../src/lib/state/url-state';

describe('the congruence map in the app state', () => {
  it('opens for the visible layers when the year has none of the default kinds, and colours every gemeente', () => {
    const app = readyGridApp();
    app.openCongruence();
    flushSync();
    // The grid has no jeugd, Veilig Thuis or ZVH layers: the two visible layers make the set.
    expect(app.panel).toEqual({
      kind: 'congruence',
      layers: ['rows-2025', 'columns-2025'],
      show: 'score',
      municipality: null,
    });
    const atlas = app.atlas!;
    const expected = computeMultiCongruence(atlas, [
      atlas.layersById.get('rows-2025')!,
      atlas.layersById.get('columns-2025')!,
    ]);
    expect(app.multiCongruence?.mean).toBe(expected.mean);
    // The map's colour value: the score stretched from [1/k, 1] to [0, 1] (k = 2 here: 2s − 1).
    expect([...app.congruence.entries()]).toEqual(expected.perMunicipality.map((m) => [m.code, 2 * m.score - 1]));
    expect(app.congruenceLegend).toContain('over 2 indelingen');
    expect(app.congruenceLegend).toContain('50%');
    expect(app.mapLayers).toEqual(['rows-2025', 'columns-2025']);
    expect(app.mapFill).toBeNull();
  });

  it('draws the building blocks as a filled layer of their own, not listed among the layouts', () => {
    const app = readyGridApp();
    app.openCongruence(['rows-2025', 'columns-2025']);
    app.setCongruence({ show: 'blocks' });
    flushSync();
    const id = blocksLayerId('blocks', 2025);
    // Rows × columns: every cell is a block of its own.
    expect(app.atlas?.layersById.get(id)?.regions).toHaveLength(9);
    expect(app.mapLayers).toEqual(['rows-2025', 'columns-2025', id]);
    expect(app.mapFill).toBe(id);
    expect(app.congruence.size).toBe(0);
    app.setCongruence({ show: 'groups' });
    flushSync();
    expect(app.atlas?.layersById.get(blocksLayerId('groups', 2025))?.regions).toHaveLength(1);
    app.closePanel();
    flushSync();
    expect(app.atlas?.layersById.has(blocksLayerId('groups', 2025))).toBe(false);
    expect(app.mapLayers).toEqual(app.visible);
  });

  it('a map click chooses the gemeente whose partners are shown, and the panel stays', () => {
    const app = readyGridApp();
    app.openCongruence(['rows-2025', 'columns-2025']);
    app.selectOnMap('GM0005');
    expect(app.panel).toMatchObject({ kind: 'congruence', municipality: 'GM0005' });
    expect(app.selectedMunicipality).toBe('GM0005');
  });

  it('with fewer than two layouts has no figures, and asks for more', () => {
    const app = readyGridApp();
    app.openCongruence(['rows-2025', 'columns-2025']);
    app.setCongruence({ layers: ['rows-2025'] });
    flushSync();
    expect(app.multiCongruence).toBeNull();
    expect(app.buildingBlocks).toBeNull();
    expect(app.congruence.size).toBe(0);
  });

  it('goes into the link and comes back from it, with what it shows and the chosen gemeente', () => {
    const app = readyGridApp();
    app.openCongruence(['rows-2025', 'partial-2025']);
    app.setCongruence({ show: 'groups', municipality: 'GM0001' });
    const link = serializeViewState(app.toView());
    expect(link).toContain('set=rows-2025,partial-2025');
    expect(link).toContain('show=groups');
    const other = readyGridApp();
    const { state, ignored } = parseViewState(link, knownValues(other.atlas!, [2025]));
    expect(ignored).toEqual([]);
    other.applyView(state);
    expect(other.panel).toEqual(app.panel);
  });

  it('drops a deleted own layer from its layouts, keeping the others', () => {
    const app = readyGridApp();
    const own = gridLayerFile('ell', true);
    own.meta = { ...own.meta, id: 'eigen-ell-2025', kind: 'eigen-ell', domain: 'eigen' };
    app.putUserLayer(own);
    app.openCongruence(['rows-2025', 'columns-2025', 'eigen-ell-2025']);
    app.removeUserLayer('eigen-ell-2025');
    expect(app.panel).toMatchObject({ kind: 'congruence', layers: ['rows-2025', 'columns-2025'] });
  });

  it('keeps the export open over the panel, so the map does not change', () => {
    const app = readyGridApp();
    app.openCongruence(['rows-2025', 'columns-2025']);
    flushSync();
    const before = [app.mapLayers, app.mapFill, app.congruence.size];
    app.isExporting = true;
    flushSync();
    expect(app.panel?.kind).toBe('congruence');
    expect([app.mapLayers, app.mapFill, app.congruence.size]).toEqual(before);
  });
});
