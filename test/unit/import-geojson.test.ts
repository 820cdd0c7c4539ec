import { describe, expect, it } from 'vitest';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { dissolveRegions } from '../../src/lib/geo/dissolve';
import { MAX_IMPORT_FEATURES, checkGeometry, importGeoJson } from '../../src/lib/import/geojson';
import { importFile } from '../../src/lib/import/import-file';
import { hasErrors, type ImportContext, type ImportResult } from '../../src/lib/import/problems';
import { GRID, LAYOUTS } from '../fixtures/grid';
import { gridAtlas } from '../fixtures/grid-atlas';
import { utf8 } from '../fixtures/import-atlas';

const context: ImportContext = { atlas: gridAtlas(), former: [], today: '2025-06-01' };

/** A counter-clockwise rectangle between two meridians and two parallels (degrees). */
function rect(west: number, south: number, east: number, north: number): Geometry {
  return {
    type: 'Polygon',
    coordinates: [
      [
        [west, south],
        [east, south],
        [east, north],
        [west, north],
        [west, south],
      ],
    ],
  };
}

function feature(properties: Record<string, unknown> | null, geometry: unknown, id?: string): Feature {
  return { type: 'Feature', properties, geometry: geometry as Geometry, ...(id === undefined ? {} : { id }) };
}

function collection(...features: Feature[]): FeatureCollection {
  return { type: 'FeatureCollection', features };
}

const run = (json: unknown, options = {}) => importGeoJson(json, 'regios.geojson', context, options);
const membersOf = (result: ImportResult) =>
  Object.fromEntries((result.layer?.regions ?? []).map((r) => [r.name, r.members]));
const problemsOf = (result: ImportResult, ...kinds: string[]) => result.problems.filter((p) => kinds.includes(p.kind));

describe('importGeoJson: valid polygons', () => {
  it('never says a share below half as 50% (a gemeente 49.7% covered is “49%”, not placed)', () => {
    const result = run(collection(feature({ name: 'Smal' }, rect(5.0, 52.2, 5.0497, 52.3))));
    expect(problemsOf(result, 'partly-covered')).toEqual([
      expect.objectContaining({
        municipality: { code: 'GM0001', name: 'Noordwest' },
        shares: [{ region: 'Smal', sharePct: 49 }],
      }),
    ]);
  });

  it('a square over the north-west 2×2 block takes exactly those four gemeenten', () => {
    const result = run(collection(feature({ name: 'Blok' }, rect(5.0, 52.1, 5.2, 52.3))));
    expect(result.format).toBe('geojson');
    expect(result.layer?.regions).toEqual([
      { code: 'U01', name: 'Blok', members: ['GM0001', 'GM0002', 'GM0004', 'GM0005'] },
    ]);
    expect(result.problems).toEqual([
      expect.objectContaining({ severity: 'info', kind: 'partial-coverage', count: 5 }),
    ]);
    expect(result.stats).toEqual({ rows: 1, matched: 1, regions: 1, covered: 4, total: 9, multiMembership: 0 });
    expect(result.layer?.meta).toMatchObject({ domain: 'eigen', name: { nl: 'regios' } });
  });

  it('assigns each gemeente to the region holding most of its area if ≥ 50%, and says where it is split', () => {
    const result = run(
      collection(
        // GM0009 whole and 70% of GM0006 (52.10–52.17 of 52.10–52.20).
        feature({ naam: 'Oost' }, rect(5.2, 52.0, 5.3, 52.17)),
        // GM0007 whole and the west 30% of GM0008.
        feature({ naam: 'West' }, rect(5.0, 52.0, 5.13, 52.1)),
        // The east 70% of GM0008.
        feature({ naam: 'Zuid' }, rect(5.13, 52.0, 5.2, 52.1)),
        // 40% of GM0004: not enough for any gemeente.
        feature({ naam: 'Klein' }, rect(5.0, 52.1, 5.04, 52.2)),
      ),
    );
    expect(membersOf(result)).toEqual({ Oost: ['GM0006', 'GM0009'], West: ['GM0007'], Zuid: ['GM0008'] });
    expect(problemsOf(result, 'split-municipality', 'partly-covered', 'region-without-municipality')).toEqual([
      { severity: 'warning', kind: 'region-without-municipality', row: 4, value: 'Klein' },
      {
        severity: 'info',
        kind: 'partly-covered',
        municipality: { code: 'GM0004', name: 'West' },
        shares: [{ region: 'Klein', sharePct: 40 }],
      },
      {
        severity: 'info',
        kind: 'split-municipality',
        municipality: { code: 'GM0008', name: 'Zuid' },
        region: 'Zuid',
        shares: [
          { region: 'Zuid', sharePct: 70 },
          { region: 'West', sharePct: 30 },
        ],
      },
    ]);
    expect(hasErrors(result)).toBe(false);
  });

  it('gives the same memberships as the layout whose dissolved regions it reads (geometric path = set path)', () => {
    for (const kind of ['ell', 'ring', 'hub'] as const) {
      const dissolved = dissolveRegions(GRID, LAYOUTS[kind], kind);
      const result = importFile(utf8(JSON.stringify(dissolved)), `${kind}.geojson`, context);
      expect(result.layer?.regions).toEqual(LAYOUTS[kind]);
      expect(problemsOf(result, 'split-municipality', 'partly-covered')).toEqual([]);
    }
  });

  it('takes codes from a code property or the feature id; features with one code form one region', () => {
    const result = run(
      collection(
        feature({ regiocode: 'A', regionaam: 'Hoeken' }, rect(5.0, 52.2, 5.1, 52.3)),
        feature({ regiocode: 'A', regionaam: 'Hoeken' }, rect(5.2, 52.2, 5.3, 52.3)),
        feature({ title: 'Midden' }, rect(5.1, 52.1, 5.2, 52.2), 'M7'),
      ),
    );
    expect(result.layer?.regions).toEqual([
      { code: 'A', name: 'Hoeken', members: ['GM0001', 'GM0003'] },
      { code: 'M7', name: 'Midden', members: ['GM0005'] },
    ]);
  });

  it('accepts a single Feature and a bare MultiPolygon; a feature without name is named after its number', () => {
    expect(membersOf(run(feature({ name: 'Een' }, rect(5.0, 52.2, 5.1, 52.3))))).toEqual({ Een: ['GM0001'] });
    const multi = {
      type: 'MultiPolygon',
      coordinates: [
        (rect(5.0, 52.2, 5.1, 52.3) as { coordinates: unknown[] }).coordinates,
        (rect(5.2, 52.0, 5.3, 52.1) as { coordinates: unknown[] }).coordinates,
      ],
    };
    const result = run(multi);
    expect(membersOf(result)).toEqual({ 'Regio 1': ['GM0001', 'GM0009'] });
    expect(problemsOf(result, 'empty-region')).toEqual([
      { severity: 'warning', kind: 'empty-region', row: 1, region: 'Regio 1' },
    ]);
  });

  it('warns about a ring that crosses itself, and still uses it', () => {
    const bowtie = {
      type: 'Polygon',
      coordinates: [
        [
          [5.0, 52.2],
          [5.1, 52.3],
          [5.1, 52.2],
          [5.0, 52.3],
          [5.0, 52.2],
        ],
      ],
    };
    const result = run(
      collection(feature({ name: 'Strik' }, bowtie), feature({ name: 'Vak' }, rect(5.2, 52.0, 5.3, 52.1))),
    );
    expect(problemsOf(result, 'self-intersection')).toEqual([
      { severity: 'warning', kind: 'self-intersection', row: 1, value: 'Strik', detail: '5.05000, 52.25000' },
    ]);
    expect(membersOf(result)).toMatchObject({ Vak: ['GM0009'] });
  });
});

describe('importGeoJson: invalid input', () => {
  const good = feature({ name: 'Goed' }, rect(5.2, 52.0, 5.3, 52.1));
  const unclosed = {
    type: 'Polygon',
    coordinates: [
      [
        [5, 52],
        [5.1, 52],
        [5.1, 52.1],
        [5, 52.1],
      ],
    ],
  };

  it.each([
    ['an unclosed ring', unclosed, 'unclosed-ring'],
    [
      'NaN coordinates',
      {
        type: 'Polygon',
        coordinates: [
          [
            [5, 52],
            [NaN, 52],
            [5.1, 52.1],
            [5, 52],
          ],
        ],
      },
      'bad-coordinates',
    ],
    [
      'text coordinates',
      {
        type: 'Polygon',
        coordinates: [
          [
            ['5', '52'],
            [5.1, 52],
            [5.1, 52.1],
            ['5', '52'],
          ],
        ],
      },
      'bad-coordinates',
    ],
    [
      'a ring of three positions',
      {
        type: 'Polygon',
        coordinates: [
          [
            [5, 52],
            [5.1, 52],
            [5, 52],
          ],
        ],
      },
      'too-few-positions',
    ],
    ['a Point', { type: 'Point', coordinates: [5, 52] }, 'wrong-type'],
    [
      'a LineString',
      {
        type: 'LineString',
        coordinates: [
          [5, 52],
          [5.1, 52],
        ],
      },
      'wrong-type',
    ],
    ['no geometry', null, 'no-geometry'],
    ['RD coordinates (metres)', rect(120000, 480000, 125000, 485000), 'not-wgs84'],
    [
      'coordinates nested too deep',
      { type: 'Polygon', coordinates: [[[[5, 52]], [5.1, 52], [5, 52.1], [[5, 52]]]] },
      'bad-coordinates',
    ],
  ])('%s: an error for that feature; the others are still used', (_, geometry, reason) => {
    const result = run(collection(feature({ name: 'Fout' }, geometry), good));
    expect(problemsOf(result, 'invalid-geometry')).toEqual([
      expect.objectContaining({ severity: 'error', kind: 'invalid-geometry', row: 1, value: 'Fout', reason }),
    ]);
    expect(membersOf(result)).toEqual({ Goed: ['GM0009'] });
  });

  it('with skipInvalidRows the feature errors are warnings, so the rest can be added', () => {
    const result = run(collection(feature({ name: 'Fout' }, unclosed), good), { skipInvalidRows: true });
    expect(problemsOf(result, 'invalid-geometry')).toEqual([
      expect.objectContaining({ severity: 'warning', reason: 'unclosed-ring' }),
    ]);
    expect(hasErrors(result)).toBe(false);
  });

  it('a feature that is not a Feature', () => {
    const result = run({ type: 'FeatureCollection', features: [42, good] });
    expect(problemsOf(result, 'invalid-geometry')).toEqual([
      { severity: 'error', kind: 'invalid-geometry', row: 1, reason: 'not-a-feature' },
    ]);
  });

  it('only invalid features: no layer', () => {
    const result = run(collection(feature({ name: 'Fout' }, unclosed)));
    expect(result.layer).toBeNull();
    expect(result.problems.map((p) => p.kind)).toEqual(['invalid-geometry', 'no-regions']);
  });

  it('polygons far from every gemeente: each region is said to be empty, and there is no layer', () => {
    const result = run(collection(feature({ name: 'Ver' }, rect(10, 40, 11, 41))));
    expect(result.problems.map((p) => p.kind)).toEqual(['region-without-municipality', 'no-regions']);
  });

  it.each([
    ['an empty collection', { type: 'FeatureCollection', features: [] }, 'no-rows'],
    ['features that are not a list', { type: 'FeatureCollection', features: {} }, 'unknown-format'],
    ['another type', { type: 'GeometryCollection', geometries: [] }, 'unknown-format'],
    [
      `more than ${MAX_IMPORT_FEATURES} features`,
      collection(...Array.from({ length: MAX_IMPORT_FEATURES + 1 }, () => good)),
      'too-many-rows',
    ],
  ])('%s: a clear error, no layer', (_, json, kind) => {
    const result = run(json);
    expect(result.layer).toBeNull();
    expect(result.problems).toEqual([expect.objectContaining({ severity: 'error', kind })]);
  });
});

describe('checkGeometry', () => {
  it('drops heights and returns the polygons', () => {
    const geometry = {
      type: 'Polygon',
      coordinates: [
        [
          [5, 52, 1],
          [6, 52, 1],
          [6, 53, 1],
          [5, 52, 1],
        ],
      ],
    };
    expect(checkGeometry(geometry)).toEqual({
      ok: true,
      polygons: [
        [
          [
            [5, 52],
            [6, 52],
            [6, 53],
            [5, 52],
          ],
        ],
      ],
      crossing: null,
    });
  });

  it('names the wrong type and where coordinates are out of range', () => {
    expect(checkGeometry({ type: 'Point', coordinates: [5, 52] })).toEqual({
      ok: false,
      reason: 'wrong-type',
      detail: 'Point',
    });
    expect(checkGeometry(rect(5, 52, 181, 53))).toEqual({ ok: false, reason: 'not-wgs84', detail: '181, 52' });
  });
});
