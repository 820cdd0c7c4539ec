import { describe, expect, it } from 'vitest';
import area from '@turf/area';
import length from '@turf/length';
import { lineString, multiLineString } from '@turf/helpers';
import { buildAtlas } from '../../src/lib/data/atlas';
import { buildMapGeometry, createMapGeometryBuilder } from '../../src/lib/geo/map-geometry';
import { GRID, GRID_GEOMETRY, gridLayerFile } from '../../test/fixtures/grid';

const atlas = buildAtlas(GRID_GEOMETRY, GRID, [gridLayerFile('rows', true), gridLayerFile('partial', false)]);
const geometry = buildMapGeometry(atlas);

describe('buildMapGeometry', () => {
  it('has one dissolved feature, one colour and one label per region (rows layer)', () => {
    const rows = geometry.layers.get('rows-2025')!;
    expect(rows.regions.features.map((f) => f.properties.code)).toEqual(['R1', 'R2', 'R3']);
    expect([...rows.colourIndex.keys()].sort()).toEqual(['R1', 'R2', 'R3']);
    expect(rows.labels.map((l) => l.code)).toEqual(['R1', 'R2', 'R3']);
  });

  it('has no "no data" area for a layer that covers every gemeente', () => {
    expect(geometry.layers.get('rows-2025')!.noData).toBeNull();
  });

  it('merges the gemeenten a partial layer leaves out into its "no data" area', () => {
    // The partial layer covers GM0001, 2, 4, 5; the other five gemeenten have no data.
    const noData = geometry.layers.get('partial-2025')!.noData!;
    const byCode = atlas.municipalitiesByCode;
    const expectedKm2 = ['GM0003', 'GM0006', 'GM0007', 'GM0008', 'GM0009'].reduce(
      (sum, c) => sum + byCode.get(c)!.areaKm2,
      0,
    );
    expect(area(noData) / 1e6).toBeCloseTo(expectedKm2, 3);
  });

  it('gives the gemeenten, their internal borders and the outline, each arc once', () => {
    expect(geometry.municipalities.features).toHaveLength(9);
    // Internal borders: the two inner meridians and the two inner parallels, each 0.3° long
    // (km, to the metre: a parallel measured in three pieces differs from one great-circle piece by cm).
    const line = (coords: [number, number][]) => lineString(coords);
    const inner = [
      line([
        [5.1, 52],
        [5.1, 52.3],
      ]),
      line([
        [5.2, 52],
        [5.2, 52.3],
      ]),
      line([
        [5, 52.1],
        [5.3, 52.1],
      ]),
      line([
        [5, 52.2],
        [5.3, 52.2],
      ]),
    ].reduce((sum, l) => sum + length(l), 0);
    const rim = length(
      line([
        [5, 52],
        [5.3, 52],
        [5.3, 52.3],
        [5, 52.3],
        [5, 52],
      ]),
    );
    expect(length(multiLineString(geometry.municipalityBorders.coordinates))).toBeCloseTo(inner, 3);
    expect(length(multiLineString(geometry.outline.coordinates))).toBeCloseTo(rim, 3);
  });
});

describe('createMapGeometryBuilder', () => {
  it('reuses the geometry of layers whose regions did not change, and rebuilds the others', () => {
    const build = createMapGeometryBuilder();
    const rows = gridLayerFile('rows', true);
    const cols = gridLayerFile('columns', true);
    const first = build(buildAtlas(GRID_GEOMETRY, GRID, [rows, cols]));
    const edited = { ...cols, regions: gridLayerFile('cells', true).regions };
    const second = build(buildAtlas(GRID_GEOMETRY, GRID, [rows, edited]));
    expect(second.layers.get('rows-2025')).toBe(first.layers.get('rows-2025'));
    expect(second.layers.get('columns-2025')).not.toBe(first.layers.get('columns-2025'));
    expect(second.layers.get('columns-2025')!.regions.features).toHaveLength(9);
    expect(second.municipalities).toBe(first.municipalities);
  });
});

describe('a layer’s map geometry is built when first read', () => {
  it('costs nothing for a layer that is never shown: a broken one fails only when its parts are read', () => {
    const broken = gridLayerFile('columns', true);
    broken.regions = [{ code: 'X', name: 'Nergens', members: ['GM0404'] }];
    const geometry = buildMapGeometry(buildAtlas(GRID_GEOMETRY, GRID, [gridLayerFile('rows', true), broken]));
    // The rows layer is drawn; the broken layer's dissolve has not run.
    expect(geometry.layers.get('rows-2025')!.regions.features).toHaveLength(3);
    const lazy = geometry.layers.get('columns-2025')!;
    expect(lazy.layerId).toBe('columns-2025');
    expect(() => lazy.regions).toThrow('member GM0404 is not in the municipalities topology');
    expect(() => lazy.borders).toThrow('member GM0404 is not a known gemeente');
  });

  it('computes each part once and keeps it', () => {
    const layer = buildMapGeometry(buildAtlas(GRID_GEOMETRY, GRID, [gridLayerFile('rows', true)])).layers.get(
      'rows-2025',
    )!;
    expect(layer.regions).toBe(layer.regions);
    expect(layer.borders).toBe(layer.borders);
    expect(layer.colourIndex).toBe(layer.colourIndex);
    expect(layer.labels).toBe(layer.labels);
    expect(layer.noData).toBeNull();
  });
});
