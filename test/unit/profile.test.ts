/**
 * Gemeente profiles and "always together" on the 3×3 grid (test/fixtures/grid.ts); every expected number is
 * worked out by hand from the layouts drawn there.
 */
import { describe, expect, it } from 'vitest';
import { buildAtlas } from '../../src/lib/data/atlas';
import { DataError } from '../../src/lib/errors';
import { alwaysTogether, municipalityProfile, togetherLayers } from '../../src/lib/stats/profile';
import type { LayerFile } from '../../src/lib/types';
import { GRID, GRID_GEOMETRY, LAYOUTS, gridLayerFile } from '../fixtures/grid';

/** The column layout dressed up as the province layer. */
const PROVINCES: LayerFile = (() => {
  const file = gridLayerFile('columns', true);
  return { ...file, meta: { ...file.meta, id: 'provincie-2025', kind: 'provincie' }, regions: LAYOUTS.columns };
})();

/**
 * Layers: rows R1-R3, columns C1-C3, ell (L1 = 1,4,7,8,9; L2 = 2,3,5,6), partial (P1 = 1,2,4,5 only) and
 * overlap (M1 = 1,2,4,5; M2 = 2,3,5,6; GM0002 and GM0005 in both).
 */
const ATLAS = buildAtlas(GRID_GEOMETRY, GRID, [
  gridLayerFile('rows', true),
  gridLayerFile('columns', true),
  gridLayerFile('ell', true),
  gridLayerFile('partial', false),
  gridLayerFile('overlap', false, true),
]);

const names = (list: { name: string }[]) => list.map((m) => m.name);

describe('municipalityProfile', () => {
  it('gives per layer the region, its size, inhabitants and partners sorted by name', () => {
    const profile = municipalityProfile(ATLAS, 'GM0005');
    expect(profile.municipality).toMatchObject({ code: 'GM0005', name: 'Midden', inhabitants: 5000 });
    expect(profile.province).toBeNull();
    expect(profile.layers.map((l) => l.layer.meta.id)).toEqual([
      'rows-2025',
      'columns-2025',
      'ell-2025',
      'partial-2025',
      'overlap-2025',
    ]);
    const [rows, columns, ell, partial, overlap] = profile.layers.map((l) =>
      l.regions.map((r) => ({
        code: r.region.code,
        memberCount: r.memberCount,
        inhabitants: r.inhabitants,
        unknown: r.unknownInhabitantsCount,
        partners: names(r.partners),
      })),
    );
    // R2 = West 4000 + Midden 5000 + Oost 6000.
    expect(rows).toEqual([{ code: 'R2', memberCount: 3, inhabitants: 15000, unknown: 0, partners: ['Oost', 'West'] }]);
    // C2 = Noord 2000 + Midden 5000 + Zuid 8000.
    expect(columns).toEqual([
      { code: 'C2', memberCount: 3, inhabitants: 15000, unknown: 0, partners: ['Noord', 'Zuid'] },
    ]);
    // L2 = Noord 2000 + Noordoost 3000 + Midden 5000 + Oost 6000.
    expect(ell).toEqual([
      { code: 'L2', memberCount: 4, inhabitants: 16000, unknown: 0, partners: ['Noord', 'Noordoost', 'Oost'] },
    ]);
    // P1 = Noordwest 1000 + Noord 2000 + West 4000 + Midden 5000.
    expect(partial).toEqual([
      { code: 'P1', memberCount: 4, inhabitants: 12000, unknown: 0, partners: ['Noord', 'Noordwest', 'West'] },
    ]);
    expect(overlap).toEqual([
      { code: 'M1', memberCount: 4, inhabitants: 12000, unknown: 0, partners: ['Noord', 'Noordwest', 'West'] },
      { code: 'M2', memberCount: 4, inhabitants: 16000, unknown: 0, partners: ['Noord', 'Noordoost', 'Oost'] },
    ]);
  });

  it('has no region where a layer has no data, and counts unknown inhabitants apart', () => {
    const profile = municipalityProfile(ATLAS, 'GM0009');
    expect(profile.layers.map((l) => l.regions.map((r) => r.region.code))).toEqual([['R3'], ['C3'], ['L1'], [], []]);
    // R3 = Zuidwest 7000 + Zuid 8000 + Zuidoost unknown.
    expect(profile.layers[0]!.regions[0]).toMatchObject({ inhabitants: 15000, unknownInhabitantsCount: 1 });
  });

  it('takes the province from the provincie layer', () => {
    const atlas = buildAtlas(GRID_GEOMETRY, GRID, [gridLayerFile('rows', true), PROVINCES]);
    expect(municipalityProfile(atlas, 'GM0005').province?.name).toBe('Middenkolom');
    expect(municipalityProfile(atlas, 'GM0007').province?.code).toBe('C1');
  });

  it('rejects an unknown code', () => {
    expect(() => municipalityProfile(ATLAS, 'GM0363')).toThrow(DataError);
    expect(() => municipalityProfile(ATLAS, 'GM0363')).toThrow('Unknown gemeente code GM0363 (geometry grid-2025)');
  });
});

describe('alwaysTogether', () => {
  const summary = (code: string, limit?: number, layerIds?: string[]) =>
    alwaysTogether(ATLAS, code, limit, layerIds).map(
      (e) => `${e.municipality.name} ${e.sharedCount}/${e.comparableCount}`,
    );

  it('counts only the layers that give every gemeente a region, and names the others', () => {
    const { counted, leftOut } = togetherLayers(ATLAS);
    expect(counted.map((l) => l.meta.id)).toEqual(['rows-2025', 'columns-2025', 'ell-2025']);
    // partial covers 4 gemeenten, overlap 6 of the 9.
    expect(leftOut.map((l) => l.meta.id)).toEqual(['partial-2025', 'overlap-2025']);
    expect(togetherLayers(ATLAS, ['rows-2025', 'partial-2025'])).toMatchObject({
      counted: [{ meta: { id: 'rows-2025' } }],
      leftOut: [{ meta: { id: 'partial-2025' } }],
    });
  });

  // Issue 12: a partial layer made it "4 of 5" for one partner next to "3 of 4" for another.
  it('ranks by shared layers out of one denominator per profile, ties by name', () => {
    // Midden (rows R2 = 4,5,6; columns C2 = 2,5,8; ell L2 = 2,3,5,6) shares with Noord: columns, ell;
    // with Oost: rows, ell; with Noordoost: ell; with West: rows; with Zuid: columns. The partial and
    // overlap layers, which leave gemeenten out, are not counted.
    expect(summary('GM0005')).toEqual(['Noord 2/3', 'Oost 2/3', 'Noordoost 1/3', 'West 1/3', 'Zuid 1/3']);
    expect(alwaysTogether(ATLAS, 'GM0005', 1)[0]!.sharedLayerIds).toEqual(['columns-2025', 'ell-2025']);
    for (const a of ATLAS.municipalities) {
      expect(new Set(alwaysTogether(ATLAS, a.code, 9).map((e) => e.comparableCount)), a.name).toEqual(new Set([3]));
    }
  });

  it('respects limit and a choice of layers', () => {
    // Zuidoost is in rows R3 (7, 8), columns C3 (3, 6) and ell L1 (1, 4, 7, 8).
    expect(summary('GM0009')).toEqual([
      'Zuid 2/3',
      'Zuidwest 2/3',
      'Noordoost 1/3',
      'Noordwest 1/3',
      'Oost 1/3',
      'West 1/3',
    ]);
    expect(summary('GM0009', 3)).toEqual(['Zuid 2/3', 'Zuidwest 2/3', 'Noordoost 1/3']);
    expect(summary('GM0009', 0)).toEqual([]);
    expect(summary('GM0005', 10, ['rows-2025', 'partial-2025'])).toEqual(['Oost 1/1', 'West 1/1']);
  });

  it('is symmetric in its counts', () => {
    for (const a of ATLAS.municipalities) {
      for (const entry of alwaysTogether(ATLAS, a.code, 9)) {
        const back = alwaysTogether(ATLAS, entry.municipality.code, 9).find((e) => e.municipality.code === a.code);
        expect(back && [back.sharedCount, back.comparableCount], `${a.code}-${entry.municipality.code}`).toEqual([
          entry.sharedCount,
          entry.comparableCount,
        ]);
      }
    }
  });

  it('rejects an unknown code', () => {
    expect(() => alwaysTogether(ATLAS, 'GM0010')).toThrow('Unknown gemeente code GM0010');
  });
});
