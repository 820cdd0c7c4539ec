/**
 * The model every part reads (src/lib/model): the topology index, built once per topology, and the
 * layer model, built once per layer; checked on the hand-made 3×3 grid (test/fixtures/grid.ts), where
 * gemeente GM000k is cell k, numbered row by row from the north-west.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { length } from '@turf/length';
import { feature } from 'topojson-client';
import { describe, expect, it } from 'vitest';
import { DataError } from '../../src/lib/errors';
import { hasBit, popcount } from '../../src/lib/model/bitset';
import { compareCodes } from '../../src/lib/model/codes';
import { layerModel, separates } from '../../src/lib/model/layer-model';
import { topologyIndex } from '../../src/lib/model/topology-index';
import type { MunicipalityTopology, Region } from '../../src/lib/types';
import { buildAtlas } from '../../src/lib/data/atlas';
import { moveMunicipality } from '../../src/lib/import/what-if';
import { GRID, GRID_GEOMETRY, LAYOUTS, cellAreaKm2, gridLayerFile, makeGridTopology } from '../fixtures/grid';

const R_KM = 6371.0088;
const RAD = Math.PI / 180;
/** A 0.1° piece of the parallel at `latDeg`, km (haversine, as Turf). */
const parallelKm = (latDeg: number) => 2 * R_KM * Math.asin(Math.cos(latDeg * RAD) * Math.sin(0.05 * RAD));
const MERIDIAN_KM = R_KM * 0.1 * RAD;

const index = topologyIndex(GRID);
const model = (regions: readonly Region[], id = 'test-2025') => layerModel(index, { meta: { id }, regions });
/** Gemeente numbers of GM000k, k = 1…9 (the grid's codes sort as its cells). */
const n = (...cells: number[]) => cells.map((k) => k - 1);

describe('topologyIndex', () => {
  it('numbers the gemeenten in code order with their geometry, area and inhabitants', () => {
    expect(index.codes).toEqual([
      'GM0001',
      'GM0002',
      'GM0003',
      'GM0004',
      'GM0005',
      'GM0006',
      'GM0007',
      'GM0008',
      'GM0009',
    ]);
    expect(index.numberOf.get('GM0005')).toBe(4);
    expect(index.geometries.map((g) => g.id)).toEqual(index.codes);
    expect(index.properties[4]!.name).toBe('Midden');
    // Row 1 lies between 52.2° and 52.3°: each cell's area is that of a 0.1° × 0.1° cell there.
    expect(index.areaKm2[0]).toBeCloseTo(cellAreaKm2(52.2, 52.3, 0.1), 1);
    expect(index.inhabitants).toHaveLength(9);
    expect(index.wordCount).toBe(1);
  });

  it('lists the 12 inner sides of the grid with the gemeenten on either side, left before right', () => {
    const { arc, left, right } = index.internalArcs;
    // Parallels j = 1, 2 (arcs 3..8) and meridians i = 1, 2 (arcs 15..20); the outline is left out.
    expect([...arc]).toEqual([3, 4, 5, 6, 7, 8, 15, 16, 17, 18, 19, 20]);
    // Arc 4 runs along parallel 52.1 between Midden (5, north) and Zuid (8, south).
    expect([left[1], right[1]]).toEqual(n(5, 8));
    // Arc 16 runs along meridian 5.1 between West (4) and Midden (5).
    expect([left[7], right[7]]).toEqual(n(4, 5));
    for (let i = 0; i < arc.length; i++) expect(left[i]!).toBeLessThan(right[i]!);
  });

  it('measures each internal arc geodesically, on first read, once', () => {
    const lengths = index.arcLengthKm;
    expect(lengths[1]).toBeCloseTo(parallelKm(52.1), 9);
    expect(lengths[4]).toBeCloseTo(parallelKm(52.2), 9);
    expect(lengths[7]).toBeCloseTo(MERIDIAN_KM, 9);
    expect(index.arcLengthKm).toBe(lengths);
  });

  it('measures every arc of the built 342-gemeente map as @turf/length does (read straight from the quantized arcs)', () => {
    const dataDir = join(dirname(fileURLToPath(import.meta.url)), '../../public/data');
    const manifest = JSON.parse(readFileSync(join(dataDir, 'manifest.json'), 'utf8')) as {
      geometries: { file: string }[];
    };
    const real = JSON.parse(readFileSync(join(dataDir, manifest.geometries[0]!.file), 'utf8')) as MunicipalityTopology;
    const realIndex = topologyIndex(real);
    expect(realIndex.internalArcs.arc.length).toBeGreaterThan(500);
    realIndex.internalArcs.arc.forEach((arc, i) => {
      const turf = length(feature(real, { type: 'LineString', arcs: [arc] }), { units: 'kilometers' });
      expect(Math.abs(realIndex.arcLengthKm[i]! - turf) / turf, `arc ${arc}`).toBeLessThan(1e-12);
    });
  });

  it('gives each gemeente its edge neighbours (not the corner ones)', () => {
    expect(index.neighbours[4]).toEqual(n(2, 4, 6, 8));
    expect(index.neighbours[0]).toEqual(n(2, 4));
    expect(index.neighbours).toBe(index.neighbours);
  });

  it('is built once per topology object', () => {
    expect(topologyIndex(GRID)).toBe(index);
    expect(topologyIndex(makeGridTopology(3, 3))).not.toBe(index);
  });

  it('rejects an arc between more than two gemeenten, naming the arc and the gemeenten', () => {
    const broken: MunicipalityTopology = {
      ...GRID,
      objects: {
        municipalities: {
          type: 'GeometryCollection',
          // A second copy of Midden under another code: arc 4 then has three gemeenten on its sides.
          geometries: [
            ...GRID.objects.municipalities.geometries,
            {
              type: 'Polygon',
              id: 'GM0010',
              arcs: [[4, 19, ~7, ~16]],
              properties: { name: 'Kopie', areaKm2: 1, inhabitants: null },
            },
          ],
        },
      },
    };
    expect(() => topologyIndex(broken)).toThrow(DataError);
    expect(() => topologyIndex(broken)).toThrow(
      'Topology arc 4 lies between more than two gemeenten: GM0005, GM0008, GM0010',
    );
  });

  it('rejects a repeated code and a geometry that is not a polygon', () => {
    const [first] = GRID.objects.municipalities.geometries;
    const withGeometries = (geometries: unknown[]) =>
      ({ ...GRID, objects: { municipalities: { type: 'GeometryCollection', geometries } } }) as MunicipalityTopology;
    expect(() => topologyIndex(withGeometries([first, first]))).toThrow(
      'Municipality GM0001: appears more than once in the topology',
    );
    expect(() => topologyIndex(withGeometries([{ type: 'Point', id: 'GM0099', coordinates: [0, 0] }]))).toThrow(
      'Municipality GM0099: geometry type Point, expected Polygon or MultiPolygon',
    );
  });
});

describe('layerModel', () => {
  it('holds regions by code, members and regions per gemeente as numbers, and region totals', () => {
    const rows = model(LAYOUTS.rows);
    expect(rows.regions.map((r) => r.code)).toEqual(['R1', 'R2', 'R3']);
    expect(rows.numberOfRegion.get('R2')).toBe(1);
    expect(rows.members).toEqual([n(1, 2, 3), n(4, 5, 6), n(7, 8, 9)]);
    expect(rows.regionsOf[4]).toEqual([1]);
    expect(rows.coveredCount).toBe(9);
    expect(rows.multiMemberCount).toBe(0);
    expect(rows.totals[0]!.count).toBe(3);
    expect(rows.totals[0]!.areaKm2).toBeCloseTo(index.areaKm2[0]! + index.areaKm2[1]! + index.areaKm2[2]!, 9);
  });

  it('keys equal region sets alike and marks uncovered gemeenten with −1 (partial, multi-membership)', () => {
    const overlap = model(LAYOUTS.overlap);
    // GM0002 and GM0005 are in {M1, M2}; GM0001, GM0004 in {M1}; GM0003, GM0006 in {M2}; the south row in none.
    const key = (cell: number) => overlap.setKey[cell - 1];
    expect(key(2)).toBe(key(5));
    expect(key(1)).toBe(key(4));
    expect(new Set([key(1), key(2), key(3)]).size).toBe(3);
    expect([key(7), key(8), key(9)]).toEqual([-1, -1, -1]);
    expect(overlap.multiMemberCount).toBe(2);
    expect(popcount(overlap.covered)).toBe(6);
    expect(hasBit(overlap.covered, 6)).toBe(false);
    // The union of {M1, M2}'s members: the north and middle rows.
    expect(popcount(overlap.setUnion[key(2)!]!)).toBe(6);
  });

  it('separates two gemeenten exactly when their region sets differ: the one border rule', () => {
    const rows = model(LAYOUTS.rows);
    expect(separates(rows, 0, 1)).toBe(false); // GM0001 | GM0002, both R1
    expect(separates(rows, 0, 3)).toBe(true); // GM0001 | GM0004, R1 | R2
    const partial = model(LAYOUTS.partial);
    expect(separates(partial, 4, 5)).toBe(true); // GM0005 in P1 | GM0006 in nothing
    expect(separates(partial, 5, 8)).toBe(false); // both uncovered
  });

  it('lists its border arcs by that rule', () => {
    const { arc } = index.internalArcs;
    // Rows: the arcs along the two inner parallels; columns: along the two inner meridians.
    expect([...model(LAYOUTS.rows).borderArcs].map((i) => arc[i])).toEqual([3, 4, 5, 6, 7, 8]);
    expect([...model(LAYOUTS.columns).borderArcs].map((i) => arc[i])).toEqual([15, 16, 17, 18, 19, 20]);
    const all: Region[] = [{ code: 'A', name: 'Alles', members: [...index.codes] }];
    expect(model(all).borderArcs).toHaveLength(0);
  });

  it('is built once per layer data: the same regions array gives the same model, a new one a new model', () => {
    const regions = [...LAYOUTS.rows];
    const first = model(regions);
    expect(model(regions)).toBe(first);
    // A what-if edit copies the regions array: only that layer gets a new model.
    const edited = regions.map((r) => ({ ...r }));
    expect(model(edited)).not.toBe(first);
    expect(model(regions)).toBe(first);
    expect(model(LAYOUTS.columns)).not.toBe(first);
  });

  it('names layer, region and code of a member that is not a gemeente of the topology', () => {
    expect(() => model([{ code: 'X', name: 'Nergens', members: ['GM0404'] }], 'fout-2025')).toThrow(DataError);
    expect(() => model([{ code: 'X', name: 'Nergens', members: ['GM0404'] }], 'fout-2025')).toThrow(
      'Layer fout-2025, region X: member GM0404 is not a known gemeente',
    );
  });
});

describe('compareCodes', () => {
  it('sorts by code units, not by locale (lower case after upper case, digits before letters)', () => {
    expect(['b', 'B', 'a', '1', 'A'].sort(compareCodes)).toEqual(['1', 'A', 'B', 'a', 'b']);
    expect(compareCodes('GM0014', 'GM0014')).toBe(0);
  });
});

describe('a what-if move rebuilds one layer model', () => {
  it('keeps every other layer’s index and model, and the topology index, when the atlas is built again', () => {
    const columns = gridLayerFile('columns', true);
    // A what-if draft is one of the user's own layers.
    const draft = { ...columns, meta: { ...columns.meta, domain: 'eigen' as const } };
    const files = [gridLayerFile('rows', true), draft, gridLayerFile('cells', true)];
    const before = buildAtlas(GRID_GEOMETRY, GRID, files);
    const codes = before.municipalities.map((m) => m.code);
    const moved = moveMunicipality(files[1]!, 'GM0001', 'C1', 'C2', codes);
    const after = buildAtlas(GRID_GEOMETRY, GRID, [files[0]!, moved, files[2]!]);
    expect(after.index).toBe(before.index);
    for (const [i, isSame] of [
      [0, true],
      [1, false],
      [2, true],
    ] as const) {
      const [old, now] = [before.layers[i]!, after.layers[i]!];
      expect(now === old, now.meta.id).toBe(isSame);
      expect(layerModel(after.index, now) === layerModel(before.index, old), now.meta.id).toBe(isSame);
    }
    expect(layerModel(after.index, after.layers[1]!).regionsOf[0]).toEqual([1]);
  });
});
