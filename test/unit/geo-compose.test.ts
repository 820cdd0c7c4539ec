/**
 * The composition of a year's gemeenten from the first year's (geo/scripts/compose.ts) on the hand-made 3×3 grid
 * of test/fixtures/grid.ts, and a composed year through the whole build. Every expected answer follows from the
 * table below, drawn on the grid:
 *
 *   GM0001 Noordwest │ GM0002 Noord  │ GM0003 Noordoost     2001: 0001 + 0002 → GM0010 Noordrand; Midden gives
 *   GM0004 West      │ GM0005 Midden │ GM0006 Oost                0.2 to Oost by a grenscorrectie (moves nothing)
 *   GM0007 Zuidwest  │ GM0008 Zuid   │ GM0009 Zuidoost      2002: West split 0.7 Noordrand / 0.3 Midden → whole to
 *                                                                 Noordrand; Zuid → GM0011 Zuidrand
 *                                                           2003: Zuidwest 0.6 to Zuidrand, 0.4 to Midden by a
 *                                                                 grenscorrectie while it ceases → whole to Zuidrand
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import area from '@turf/area';
import { feature } from 'topojson-client';
import type { Feature, MultiPolygon as GeoMultiPolygon, Polygon as GeoPolygon } from 'geojson';
import type { MultiPolygon, Polygon, Topology } from 'topojson-specification';
import { afterEach, describe, expect, it } from 'vitest';
import type { GeometrySpec } from '../../geo/layers';
import { buildData } from '../../geo/scripts/build-data';
import {
  checkParts,
  composeYear,
  describeWholeAssignments,
  mergeGeometries,
  pruneArcs,
  type PolygonalArcs,
} from '../../geo/scripts/compose';
import { readChangeRows } from '../../geo/scripts/former';
import { parseCsv } from '../../src/lib/data/csv';
import { parseMunicipalityTopology } from '../../src/lib/data/parse';
import type { MunicipalityGeometry, MunicipalityTopology } from '../../src/lib/types';
import { errorOf } from '../fixtures/data-errors';
import { GRID, cellAreaKm2 } from '../fixtures/grid';

const HEADER = 'date,type,old_code,old_name,new_code,new_name,area_share,source';
const TABLE = [
  '2001-01-01,samenvoeging,GM0001,Noordwest,GM0010,Noordrand,1.0,Test', // line 2
  '2001-01-01,samenvoeging,GM0002,Noord,GM0010,Noordrand,1.0,Test',
  '2001-01-01,grenscorrectie,GM0005,Midden,GM0006,Oost,0.2,Test',
  '2002-01-01,splitsing,GM0004,West,GM0005,Midden,0.3,Test', // line 5
  '2002-01-01,splitsing,GM0004,West,GM0010,Noordrand,0.7,Test',
  '2002-01-01,samenvoeging,GM0008,Zuid,GM0011,Zuidrand,1.0,Test',
  '2003-01-01,samenvoeging,GM0007,Zuidwest,GM0011,Zuidrand,0.6,Test', // line 8
  '2003-01-01,grenscorrectie,GM0007,Zuidwest,GM0005,Midden,0.4,Test',
];

const rowsOf = (lines: string[]) =>
  readChangeRows(parseCsv([HEADER, ...lines, ''].join('\n'), 'changes.csv', { delimiter: ',' }), 'changes.csv');
/** The grid's gemeenten, typed as the topology's polygons they are. */
const CELLS = GRID.objects.municipalities.geometries as MunicipalityGeometry[];
const START = new Map(CELLS.map((g) => [g.id, g.properties!.name]));
const compose = (date: string, lines = TABLE) => composeYear(rowsOf(lines), START, date, 'changes.csv');
const gm = (...numbers: number[]) => numbers.map((n) => `GM${String(n).padStart(4, '0')}`);
const geometryOf = (code: string): PolygonalArcs => CELLS.find((g) => g.id === code)!;

describe('composeYear', () => {
  it('applies nothing before the first date: every gemeente is itself', () => {
    const { parts, names, wholeAssignments, problems } = compose('2000-12-31');
    expect([...parts]).toEqual(gm(1, 2, 3, 4, 5, 6, 7, 8, 9).map((code) => [code, [code]]));
    expect(names).toEqual(START);
    expect(wholeAssignments).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('merges along the rows up to the date, names new gemeenten from the table and follows later rows', () => {
    const byYear = (date: string) => Object.fromEntries(compose(date).parts);
    expect(byYear('2001-01-01')).toEqual({
      GM0003: gm(3),
      GM0004: gm(4),
      GM0005: gm(5),
      GM0006: gm(6),
      GM0007: gm(7),
      GM0008: gm(8),
      GM0009: gm(9),
      GM0010: gm(1, 2),
    });
    // West goes whole to Noordrand, created a year earlier (its larger part, 0.7).
    expect(byYear('2002-06-30')).toEqual({
      GM0003: gm(3),
      GM0005: gm(5),
      GM0006: gm(6),
      GM0007: gm(7),
      GM0009: gm(9),
      GM0010: gm(1, 2, 4),
      GM0011: gm(8),
    });
    const y2003 = compose('2003-01-01');
    expect(Object.fromEntries(y2003.parts)).toEqual({
      GM0003: gm(3),
      GM0005: gm(5),
      GM0006: gm(6),
      GM0009: gm(9),
      GM0010: gm(1, 2, 4),
      GM0011: gm(7, 8),
    });
    expect(y2003.names.get('GM0010')).toBe('Noordrand');
    expect(y2003.names.get('GM0011')).toBe('Zuidrand');
    expect(y2003.names.get('GM0005')).toBe('Midden');
    expect(y2003.problems).toEqual([]);
    expect(checkParts(y2003.parts, new Set(START.keys()), 'x')).toEqual([]);
  });

  it('reports every partial transfer: whole assignments by the largest share, and grenscorrecties kept', () => {
    const { wholeAssignments } = compose('2003-01-01');
    expect(wholeAssignments).toEqual([
      {
        code: 'GM0005',
        name: 'Midden',
        date: '2001-01-01',
        assignedTo: 'GM0005',
        assignedName: 'Midden',
        assignedShare: 0.8,
        others: [{ code: 'GM0006', name: 'Oost', share: 0.2 }],
      },
      {
        code: 'GM0004',
        name: 'West',
        date: '2002-01-01',
        assignedTo: 'GM0010',
        assignedName: 'Noordrand',
        assignedShare: 0.7,
        others: [{ code: 'GM0005', name: 'Midden', share: 0.3 }],
      },
      {
        code: 'GM0007',
        name: 'Zuidwest',
        date: '2003-01-01',
        assignedTo: 'GM0011',
        assignedName: 'Zuidrand',
        assignedShare: 0.6,
        others: [{ code: 'GM0005', name: 'Midden', share: 0.4 }],
      },
    ]);
    expect(describeWholeAssignments(wholeAssignments)).toBe(
      'grenscorrectie Midden (2001) niet verwerkt: 20,0% bij Oost; ' +
        'West (2002) geheel bij Noordrand (70,0%), niet 30,0% bij Midden; ' +
        'Zuidwest (2003) geheel bij Zuidrand (60,0%), niet 40,0% bij Midden',
    );
  });

  it('takes the largest share whatever the row order, and the lower code on a tie', () => {
    const split = (a: string, b: string) =>
      compose('2002-01-01', [
        `2002-01-01,splitsing,GM0004,West,GM0005,Midden,${a},Test`,
        `2002-01-01,splitsing,GM0004,West,GM0007,Zuidwest,${b},Test`,
      ]).parts;
    expect(split('0.4', '0.6').get('GM0007')).toEqual(gm(4, 7));
    expect(split('0.6', '0.4').get('GM0005')).toEqual(gm(4, 5));
    expect(split('0.5', '0.5').get('GM0005')).toEqual(gm(4, 5));
  });

  it('follows a receiver that ceases on the same day (a chain within one date)', () => {
    const { parts, problems } = compose('2004-01-01', [
      ...TABLE,
      '2004-01-01,lichte samenvoeging,GM0009,Zuidoost,GM0006,Oost,1.0,Test',
      '2004-01-01,lichte samenvoeging,GM0006,Oost,GM0003,Noordoost,1.0,Test',
    ]);
    expect(problems).toEqual([]);
    expect(parts.get('GM0003')).toEqual(gm(3, 6, 9));
    expect([...parts.keys()]).toEqual(gm(3, 5, 10, 11));
  });

  it('reports rows it cannot apply, with file and line: a gemeente gone, a receiver gone, a cycle', () => {
    const { problems } = compose('2004-01-01', [
      ...TABLE,
      '2004-01-01,samenvoeging,GM0004,West,GM0005,Midden,1.0,Test', // line 10: West ceased in 2002
      '2004-01-01,samenvoeging,GM0006,Oost,GM0001,Noordwest,1.0,Test', // Noordwest ceased in 2001
      '2004-01-01,samenvoeging,GM0003,Noordoost,GM0009,Zuidoost,1.0,Test',
      '2004-01-01,samenvoeging,GM0009,Zuidoost,GM0003,Noordoost,1.0,Test',
    ]);
    expect(problems).toEqual([
      'changes.csv, line 10: GM0004 West is not a gemeente on 2004-01-01 (it ceased on 2002-01-01)',
      'changes.csv, line 12: the changes of 2004-01-01 from GM0003 lead back to GM0003',
      'changes.csv, line 11: receiver GM0001 Noordwest ceased on 2001-01-01, before 2004-01-01',
      'changes.csv, line 13: the changes of 2004-01-01 from GM0009 lead back to GM0009',
    ]);
  });
});

describe('checkParts', () => {
  it('requires every first-year gemeente exactly once', () => {
    const start = new Set(gm(1, 2, 3));
    expect(checkParts(new Map([['GM0010', gm(1, 2, 3)]]), start, 'y')).toEqual([]);
    expect(
      checkParts(
        new Map([
          ['GM0010', gm(1, 2)],
          ['GM0011', gm(2, 7)],
          ['GM0012', []],
        ]),
        start,
        'y',
      ),
    ).toEqual([
      'y: GM0002 is a part of both GM0010 and GM0011',
      'y: GM0011 has part GM0007, not a gemeente of the first year',
      'y: GM0012 consists of no gemeente of the first year',
      'y: first-year gemeenten in no gemeente: GM0003',
    ]);
  });
});

/** Geodesic area (km²) of a polygonal object of the grid, as the build measures it. */
const featureOf = (topology: Topology, geometry: PolygonalArcs) =>
  feature(topology, geometry as Polygon | MultiPolygon) as Feature<GeoPolygon | GeoMultiPolygon>;
const areaOf = (topology: Topology, geometry: PolygonalArcs) => area(featureOf(topology, geometry)) / 1e6;
const NORTH = cellAreaKm2(52.2, 52.3, 0.1);
const MIDDLE = cellAreaKm2(52.1, 52.2, 0.1);
const SOUTH = cellAreaKm2(52.0, 52.1, 0.1);

describe('mergeGeometries', () => {
  const topology = GRID as unknown as Topology;
  const merge = (...numbers: number[]) => mergeGeometries(topology, gm(...numbers).map(geometryOf));

  it('merges neighbours into one polygon without their shared arc', () => {
    const merged = merge(1, 2, 4);
    expect(merged.type).toBe('Polygon');
    const arcs = (merged.arcs as number[][]).flat().map((a) => (a < 0 ? ~a : a));
    // Arc 17 (meridian 5.1 between Noordwest and Noord) and arc 6 (parallel 52.2 between Noordwest and West) go.
    expect(arcs).not.toContain(17);
    expect(arcs).not.toContain(6);
    expect(arcs.sort((a, b) => a - b)).toEqual([3, 7, 9, 10, 13, 14, 16, 20]);
    expect(areaOf(topology, merged)).toBeCloseTo(2 * NORTH + MIDDLE, 6);
  });

  it('gives a ring a hole, and parts that do not touch a multipolygon', () => {
    const ring = merge(1, 2, 3, 4, 6, 7, 8, 9);
    expect(ring.type).toBe('Polygon');
    expect(ring.arcs).toHaveLength(2); // outer ring and the hole where Midden is
    expect(areaOf(topology, ring)).toBeCloseTo(3 * NORTH + 2 * MIDDLE + 3 * SOUTH, 6);
    const apart = merge(1, 9);
    expect(apart.type).toBe('MultiPolygon');
    expect(apart.arcs).toHaveLength(2);
    expect(areaOf(topology, apart)).toBeCloseTo(NORTH + SOUTH, 6);
  });

  it('returns a single gemeente as it is', () => {
    expect(merge(5)).toEqual({ type: 'Polygon', arcs: geometryOf('GM0005').arcs });
  });
});

describe('pruneArcs', () => {
  it('keeps the used arcs in order, renumbers references (reversed ones too) and draws the same shapes', () => {
    const topology = GRID as unknown as Topology;
    const geometries = [mergeGeometries(topology, gm(1, 2, 4, 5).map(geometryOf)), geometryOf('GM0009')];
    const pruned = pruneArcs(GRID.arcs, geometries);
    // The 2×2 block keeps its 8 outer arcs; Zuidoost its 4; 4 inner ones and 8 of nobody are gone.
    expect(pruned.arcs).toHaveLength(12);
    const used = new Set(pruned.geometries.flatMap((g) => (g.arcs as number[][]).flat()).map((a) => (a < 0 ? ~a : a)));
    expect([...used].sort((a, b) => a - b)).toEqual(Array.from({ length: 12 }, (_, i) => i));
    const prunedTopology = { ...topology, arcs: pruned.arcs } as Topology;
    geometries.forEach((g, i) => {
      const before = featureOf(topology, g).geometry;
      const after = featureOf(prunedTopology, pruned.geometries[i]!).geometry;
      expect(after).toEqual(before);
    });
  });
});

describe('buildData: a year composed from the first year', () => {
  const temporary: string[] = [];
  afterEach(() => {
    for (const dir of temporary.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  /** The grid as a CBS map (statcode/statnaam) with inhabitants and the table, in a temporary folder. */
  function workspace(lines = TABLE) {
    const dir = mkdtempSync(join(tmpdir(), 'geo-compose-test-'));
    temporary.push(dir);
    const write = (path: string, text: string) => {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    };
    const map = {
      type: 'Topology',
      transform: GRID.transform,
      arcs: GRID.arcs,
      objects: {
        grid: {
          type: 'GeometryCollection',
          geometries: CELLS.map((g) => ({
            type: g.type,
            arcs: g.arcs,
            properties: { statcode: g.id, statnaam: g.properties!.name },
          })),
        },
      },
    };
    write('sources/cbs/grid_2000.topojson', JSON.stringify(map));
    const figures = CELLS.filter((g) => g.properties!.inhabitants !== null).map(
      (g) => `${g.id},${g.properties!.name},${g.properties!.inhabitants}`,
    );
    write('sources/cbs/inwoners_2000.csv', ['gemeentecode,gemeentenaam,inwoners', ...figures, ''].join('\n'));
    write('reference/changes.csv', [HEADER, ...lines, ''].join('\n'));
    return { sourcesDir: join(dir, 'sources'), referenceDir: join(dir, 'reference'), outDir: join(dir, 'out') };
  }

  const history = { input: 'changes.csv', startTopologyInput: 'cbs/grid_2000.topojson', startObjectName: 'grid' };
  const year = (y: number, expectedCount?: number): GeometrySpec => ({
    id: `gemeenten-${y}`,
    year: y,
    topologyInput: history.startTopologyInput,
    objectName: history.startObjectName,
    inhabitantsInput: 'cbs/inwoners_2000.csv',
    inhabitantsDate: '2000-01-01',
    inhabitantsSource: 'Made up, summed',
    source: { citation: `Grid ${y}, merged`, licence: 'CC0', referenceDate: `${y}-01-01` },
    history,
    ...(expectedCount === undefined ? {} : { compose: { expectedCount } }),
    // The map check needs a map of the year; a composed year has none of its own (as in the registry).
    ...(y > 2000
      ? { former: { source: { citation: 'Test', licence: 'CC0', referenceDate: `${y}-01-01` }, isMapChecked: false } }
      : {}),
  });
  const read = (outDir: string, file: string) =>
    parseMunicipalityTopology(JSON.parse(readFileSync(join(outDir, file), 'utf8')), file) as MunicipalityTopology;

  it('writes merged gemeenten with names, summed inhabitants, parts, measured areas and only the arcs in use', () => {
    const dirs = workspace();
    const result = buildData({ ...dirs, quiet: true, geometries: [year(2003, 6), year(2000)], layers: [] });
    expect(result.manifest.geometries.map((g) => [g.id, g.municipalityCount, g.former?.count])).toEqual([
      ['gemeenten-2003', 6, 5],
      ['gemeenten-2000', 9, undefined],
    ]);
    const topology = read(dirs.outDir, 'municipalities-2003.topo.json');
    const byCode = Object.fromEntries(
      (topology.objects.municipalities.geometries as MunicipalityGeometry[]).map((g) => [g.id, g]),
    );
    expect(Object.keys(byCode)).toEqual(gm(3, 5, 6, 9, 10, 11));
    expect(byCode.GM0010!.properties).toEqual({
      name: 'Noordrand',
      areaKm2: Math.round((2 * NORTH + MIDDLE) * 100) / 100,
      inhabitants: 1000 + 2000 + 4000,
      parts: gm(1, 2, 4),
    });
    expect(byCode.GM0010!.type).toBe('Polygon');
    // Zuidoost has no figure in the grid, so neither has it as a part (a warning, not an error).
    expect(byCode.GM0009!.properties!.inhabitants).toBeNull();
    expect(result.warnings).toContain(
      'gemeenten-2003: no inhabitants for 1 gemeente(n) with a part without figures: GM0009',
    );
    expect(byCode.GM0011!.properties).toMatchObject({ name: 'Zuidrand', inhabitants: 15000, parts: gm(7, 8) });
    expect(byCode.GM0005!.properties).toMatchObject({ name: 'Midden', parts: gm(5) });
    // No gaps, no overlaps: every arc is used once or twice (once each way), and the areas add up to the grid.
    const uses = new Map<number, number>();
    for (const g of topology.objects.municipalities.geometries as MunicipalityGeometry[]) {
      for (const a of (g.arcs as number[][][]).flat(2)) uses.set(a < 0 ? ~a : a, (uses.get(a < 0 ? ~a : a) ?? 0) + 1);
    }
    expect([...uses.keys()].sort((a, b) => a - b)).toEqual(topology.arcs.map((_, i) => i));
    expect(Math.max(...uses.values())).toBeLessThanOrEqual(2);
    const total = (topology.objects.municipalities.geometries as MunicipalityGeometry[]).reduce(
      (sum, g) => sum + g.properties!.areaKm2,
      0,
    );
    expect(total).toBeCloseTo(3 * (NORTH + MIDDLE + SOUTH), 1);
    // The first year keeps every arc and is its own parts.
    const first = read(dirs.outDir, 'municipalities-2000.topo.json');
    expect(first.arcs).toEqual(GRID.arcs);
    for (const g of first.objects.municipalities.geometries as MunicipalityGeometry[])
      expect(g.properties!.parts).toEqual([g.id]);
  });

  it('says in the source how it was composed and which partial transfers were assigned whole', () => {
    const dirs = workspace();
    const result = buildData({ ...dirs, quiet: true, geometries: [year(2002, 7), year(2000)], layers: [] });
    const source = result.manifest.geometries[0]!.source;
    expect(source.citation).toBe(
      'Grid 2002, merged. Zo toegewezen: grenscorrectie Midden (2001) niet verwerkt: 20,0% bij Oost; ' +
        'West (2002) geheel bij Noordrand (70,0%), niet 30,0% bij Midden',
    );
    expect(result.manifest.geometries[1]!.source.citation).toBe('Grid 2000, merged');
  });

  it('fails loudly when the table does not give the expected number of gemeenten', () => {
    const dirs = workspace();
    const { message } = errorOf(() =>
      buildData({ ...dirs, quiet: true, geometries: [year(2003, 7), year(2002, 7)], layers: [] }),
    );
    expect(message).toContain(
      'changes.csv: gemeenten-2003: the table gives 6 gemeenten on 2003-01-01, expected 7 (the number CBS announced)',
    );
    expect(message).not.toContain('gemeenten-2002');
  });

  it('reports a row it cannot apply once, however many years read the table', () => {
    const dirs = workspace([...TABLE, '2002-06-01,samenvoeging,GM0001,Noordwest,GM0003,Noordoost,1.0,Test']);
    const { message } = errorOf(() =>
      buildData({ ...dirs, quiet: true, geometries: [year(2004, 6), year(2003, 6), year(2002, 7)], layers: [] }),
    );
    const problem = 'changes.csv, line 10: GM0001 Noordwest is not a gemeente on 2002-06-01 (it ceased on 2001-01-01)';
    expect(message.split(problem)).toHaveLength(2);
  });

  it('requires a year with a map of its own to be exactly the gemeenten the table gives', () => {
    const dirs = workspace();
    // The grid as the map of 2003, although the table merges gemeenten by then.
    const map2003: GeometrySpec = { ...year(2003) };
    delete map2003.former;
    const { message } = errorOf(() => buildData({ ...dirs, quiet: true, geometries: [map2003], layers: [] }));
    expect(message).toContain(
      'gemeenten of cbs/grid_2000.topojson that the table does not give on 2003-01-01: GM0001, GM0002, GM0004, GM0007, GM0008',
    );
    expect(message).toContain(
      'gemeenten the table gives on 2003-01-01 that cbs/grid_2000.topojson has not: GM0010, GM0011',
    );
  });
});
