import { describe, expect, it } from 'vitest';
import { buildAtlas } from '../../src/lib/data/atlas';
import { summarizeRegion } from '../../src/lib/stats/region-summary';
import { GRID, GRID_GEOMETRY, gridLayerFile } from '../../test/fixtures/grid';

const atlas = buildAtlas(GRID_GEOMETRY, GRID, [
  gridLayerFile('rows', true),
  gridLayerFile('columns', true),
  gridLayerFile('partial', false),
  gridLayerFile('overlap', false, true),
]);
const byCode = atlas.municipalitiesByCode;

describe('summarizeRegion', () => {
  it('sums area and inhabitants of the members and lists them by name', () => {
    const s = summarizeRegion(atlas, 'rows-2025', 'R1', [])!;
    const members = ['GM0001', 'GM0002', 'GM0003'].map((c) => byCode.get(c)!);
    expect(s.members.map((m) => m.code).sort()).toEqual(['GM0001', 'GM0002', 'GM0003']);
    expect(s.areaKm2).toBeCloseTo(
      members.reduce((a, m) => a + m.areaKm2, 0),
      9,
    );
    expect(s.inhabitants).toBe(members.reduce((a, m) => a + (m.inhabitants ?? 0), 0));
    expect(s.unknownInhabitantsCount).toBe(0);
    const names = s.members.map((m) => m.name);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'nl')));
  });

  it('counts members with unknown inhabitants instead of hiding the total', () => {
    // GM0009 has no inhabitants figure in the grid fixture.
    const s = summarizeRegion(atlas, 'rows-2025', 'R3', [])!;
    expect(s.unknownInhabitantsCount).toBe(1);
    expect(s.inhabitants).toBe((byCode.get('GM0007')!.inhabitants ?? 0) + (byCode.get('GM0008')!.inhabitants ?? 0));
  });

  it('a row meets every column once, sharing one gemeente with each', () => {
    const s = summarizeRegion(atlas, 'rows-2025', 'R2', ['rows-2025', 'columns-2025'])!;
    // The region's own layer is not listed as "other".
    expect(s.touches.map((t) => t.layer.meta.id)).toEqual(['columns-2025']);
    expect(s.touches[0]!.regions.map((r) => [r.region.code, r.sharedCount])).toEqual([
      ['C1', 1],
      ['C2', 1],
      ['C3', 1],
    ]);
    expect(s.touches[0]!.uncoveredCount).toBe(0);
  });

  it('reports the gemeenten a partial layer does not cover, and counts multi-membership in each region', () => {
    // R1 = GM0001..3; the partial layer covers 1 and 2 (P1); the overlap layer has GM0002 in M1 and M2.
    const s = summarizeRegion(atlas, 'rows-2025', 'R1', ['partial-2025', 'overlap-2025'])!;
    const partial = s.touches.find((t) => t.layer.meta.id === 'partial-2025')!;
    expect(partial.regions.map((r) => [r.region.code, r.sharedCount])).toEqual([['P1', 2]]);
    expect(partial.uncoveredCount).toBe(1);
    const overlap = s.touches.find((t) => t.layer.meta.id === 'overlap-2025')!;
    // M1 has GM0001 and GM0002; M2 has GM0002 and GM0003: both share two, ordered by code.
    expect(overlap.regions.map((r) => [r.region.code, r.sharedCount])).toEqual([
      ['M1', 2],
      ['M2', 2],
    ]);
  });

  it('returns null for an unknown layer or region', () => {
    expect(summarizeRegion(atlas, 'nope', 'R1', [])).toBeNull();
    expect(summarizeRegion(atlas, 'rows-2025', 'R9', [])).toBeNull();
  });
});
