import { describe, expect, it } from 'vitest';
import { buildAtlas, type AtlasLayer } from '../../src/lib/data/atlas';
import { catalogueGroups, layerMatches, multiMemberCount } from '../../src/lib/data/catalogue';
import { DOMAIN_NAMES } from '../../src/lib/i18n/messages';
import type { Domain, LayerFile } from '../../src/lib/types';
import { GRID, GRID_GEOMETRY, gridLayerFile } from '../fixtures/grid';

/** A grid layer with its own id, domain and names. */
function layer(
  kind: Parameters<typeof gridLayerFile>[0],
  domain: Domain,
  nl: string,
  en: string,
  allowsMulti = false,
): LayerFile {
  const file = gridLayerFile(kind, kind !== 'partial', allowsMulti);
  return { ...file, meta: { ...file.meta, id: `${kind}-${domain}`, domain, name: { nl, en } } };
}

const atlas = buildAtlas(GRID_GEOMETRY, GRID, [
  layer('rows', 'onderwijs', 'Passend onderwijs (primair)', 'Inclusive education (primary)'),
  layer('columns', 'veiligheid', 'Veiligheidshuizen', 'Safety houses'),
  layer('ell', 'jeugd', 'Veilig Thuis-regio’s', 'Veilig Thuis regions'),
  layer('overlap', 'bestuur', 'COROP-regio’s', 'COROP regions', true),
]);
const byId = (id: string): AtlasLayer => atlas.layersById.get(id)!;

describe('layerMatches', () => {
  it('finds a layer by any word of its names, case and accents ignored, in either language', () => {
    expect(layerMatches(byId('rows-onderwijs'), 'ONDERWIJS', DOMAIN_NAMES)).toBe(true);
    expect(layerMatches(byId('rows-onderwijs'), 'inclusive', DOMAIN_NAMES)).toBe(true);
    expect(layerMatches(byId('columns-veiligheid'), 'veilig', DOMAIN_NAMES)).toBe(true);
    expect(layerMatches(byId('columns-veiligheid'), 'onderwijs', DOMAIN_NAMES)).toBe(false);
  });
  it('finds a layer by its domain name and needs every word typed', () => {
    // "Education" is the onderwijs domain's English name; the layer's own names do not have it.
    expect(layerMatches(byId('rows-onderwijs'), 'education', DOMAIN_NAMES)).toBe(true);
    expect(layerMatches(byId('ell-jeugd'), 'veilig thuis', DOMAIN_NAMES)).toBe(true);
    expect(layerMatches(byId('ell-jeugd'), 'veilig corop', DOMAIN_NAMES)).toBe(false);
  });
});

describe('catalogueGroups', () => {
  it('groups every layer by domain in catalogue order, counting the visible ones', () => {
    const groups = catalogueGroups(atlas.layers, ['ell-jeugd', 'overlap-bestuur'], '', DOMAIN_NAMES);
    expect(groups.map((g) => [g.domain, g.layers.map((l) => l.meta.id), g.visibleCount, g.total])).toEqual([
      ['jeugd', ['ell-jeugd'], 1, 1],
      ['veiligheid', ['columns-veiligheid'], 0, 1],
      ['onderwijs', ['rows-onderwijs'], 0, 1],
      ['bestuur', ['overlap-bestuur'], 1, 1],
    ]);
  });
  it('while filtering, keeps only the domains with a match', () => {
    const groups = catalogueGroups(atlas.layers, [], 'veilig', DOMAIN_NAMES);
    expect(groups.map((g) => [g.domain, g.layers.map((l) => l.meta.id)])).toEqual([
      ['jeugd', ['ell-jeugd']],
      ['veiligheid', ['columns-veiligheid']],
    ]);
    expect(catalogueGroups(atlas.layers, [], 'zzz', DOMAIN_NAMES)).toEqual([]);
  });
});

describe('multiMemberCount', () => {
  it('counts the gemeenten in more than one region', () => {
    // The overlap layout puts GM0002 and GM0005 in both blocks.
    expect(multiMemberCount(byId('overlap-bestuur'))).toBe(2);
    expect(multiMemberCount(byId('rows-onderwijs'))).toBe(0);
  });
});
