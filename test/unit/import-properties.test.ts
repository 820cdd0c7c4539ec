/**
 * Property tests: the importer is fed random and malformed input (bytes, text, CSV-like tables, JSON,
 * GeoJSON-like objects) and must always return an `ImportResult`: never throw, never fall back on the
 * `internal` problem, never give a layer that cannot be stored, and never fail without saying why.
 * Random layouts written as CSV or layer JSON must read back as the same regions.
 */
import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { parseLayerFile } from '../../src/lib/data/parse';
import { cleanText } from '../../src/lib/import/build-layer';
import { importGeoJson } from '../../src/lib/import/geojson';
import { importFile, importText } from '../../src/lib/import/import-file';
import type { ImportResult } from '../../src/lib/import/problems';
import { FORMER, importAtlas, importContext } from '../fixtures/import-atlas';

const context = importContext();
const atlas = importAtlas();
const CODES = new Set(atlas.municipalities.map((m) => m.code));
/** Fixed seed, so a failure is reproducible (STYLE.md §9). */
const SEED = 20250601;

/** The invariants every result must keep, whatever the input. */
function checkResult(result: ImportResult): void {
  expect(Array.isArray(result.problems)).toBe(true);
  expect(result.problems.filter((p) => p.kind === 'internal')).toEqual([]);
  const { stats } = result;
  expect(stats.total).toBe(CODES.size);
  expect(stats.covered).toBeLessThanOrEqual(stats.total);
  // A layer JSON counts members as matched, so only tables and features are bounded by their rows.
  if (result.format === 'csv' || result.format === 'geojson') expect(stats.matched).toBeLessThanOrEqual(stats.rows);
  if (result.layer === null) {
    // No layer without an error that says why.
    expect(result.problems.some((p) => p.severity === 'error')).toBe(true);
  } else {
    expect(parseLayerFile(JSON.parse(JSON.stringify(result.layer)), 'result')).toEqual(result.layer);
    for (const region of result.layer.regions) for (const m of region.members) expect(CODES.has(m)).toBe(true);
    expect(result.layer.regions.length).toBe(stats.regions);
  }
}

const cell = fc.oneof(
  fc.constantFrom(...atlas.municipalities.map((m) => m.name)),
  fc.constantFrom(...atlas.municipalities.map((m) => m.code), '363', '0518', 'gm1900'),
  fc.constantFrom(...FORMER.map((f) => f.name), 'Amsterdm', 'Bergen', 'Den Haag', ''),
  fc.constantFrom('"', '""', ';', ',', '\t', '\r', '\n', '\u0000', '\uFEFF', '<img src=x onerror=alert(1)>'),
  fc.string({ maxLength: 12 }),
);
const header = fc.constantFrom(
  ['gemeente', 'regio'],
  ['gemeentecode', 'gemeentenaam', 'regiocode', 'regionaam'],
  ['municipality', 'region', 'region code'],
  ['code', 'regio'],
  ['x', 'y'],
  [],
);
const csvText = fc
  .record({
    header,
    rows: fc.array(fc.array(cell, { maxLength: 5 }), { maxLength: 30 }),
    delimiter: fc.constantFrom(';', ',', '\t', '|'),
    newline: fc.constantFrom('\n', '\r\n', '\r'),
    isQuoted: fc.boolean(),
  })
  .map(({ header: h, rows, delimiter, newline, isQuoted }) =>
    [h, ...rows]
      .map((row) => row.map((c) => (isQuoted ? `"${c.replaceAll('"', '""')}"` : c)).join(delimiter))
      .join(newline),
  );

describe('importFile and importText never throw', () => {
  it('random bytes', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 3000 }),
        fc.constantFrom('a.csv', 'a.json', 'a.geojson', 'a.txt', ''),
        (bytes, name) => {
          checkResult(importFile(bytes, name, context));
        },
      ),
      { seed: SEED, numRuns: 300 },
    );
  });

  it('random strings (any code points), as a pasted table or a JSON file', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 400 }),
        fc.constantFrom('plakken.csv', 'x.json'),
        (text, name) => {
          checkResult(importText(text, name, context));
        },
      ),
      { seed: SEED, numRuns: 300 },
    );
  });

  it('random CSV-like tables (gemeente names, codes, former names, quotes, separators, empty cells)', () => {
    const seen = { layer: 0, error: 0 };
    fc.assert(
      fc.property(csvText, fc.boolean(), fc.boolean(), (text, mapFormer, skipInvalidRows) => {
        const bytes = new TextEncoder().encode(text);
        const first = importFile(bytes, 'tabel.csv', context, { mapFormer, skipInvalidRows });
        checkResult(first);
        if (first.layer) seen.layer++;
        if (first.problems.some((p) => p.severity === 'error')) seen.error++;
        // Deterministic: the same input gives the same result.
        expect(importFile(bytes, 'tabel.csv', context, { mapFormer, skipInvalidRows })).toEqual(first);
      }),
      { seed: SEED, numRuns: 300 },
    );
    // The generator reaches both outcomes, so the property is not vacuous.
    expect(seen.layer).toBeGreaterThan(10);
    expect(seen.error).toBeGreaterThan(10);
  });

  it('random JSON values, and layer files with random parts', () => {
    const layer = importText('gemeente;regio\nUtrecht;A\nTilburg;B\n', 'l.csv', context).layer!;
    const mutated = fc.record({
      format: fc.oneof(fc.constant('samenwerkingsatlas/layer@1'), fc.jsonValue()),
      meta: fc.oneof(fc.constant(layer.meta), fc.jsonValue(), fc.constant({ ...layer.meta, domain: 'x' })),
      regions: fc.oneof(
        fc.constant(layer.regions),
        fc.jsonValue(),
        fc.array(
          fc.record({
            code: fc.oneof(fc.string(), fc.jsonValue()),
            name: fc.oneof(fc.string(), fc.jsonValue()),
            members: fc.array(fc.oneof(fc.constantFrom(...CODES, 'GM0003', 'GM9999'), fc.jsonValue()), {
              maxLength: 4,
            }),
          }),
          { maxLength: 4 },
        ),
      ),
    });
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), mutated), (value) => {
        checkResult(importText(JSON.stringify(value) ?? 'undefined', 'laag.json', context));
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it('random GeoJSON-like objects (wrong types, NaN, Infinity, unclosed and tiny rings, random squares)', () => {
    const coordinate = fc.oneof(
      fc.double({ min: 4.9, max: 5.4, noNaN: true }),
      fc.double({ min: 51.9, max: 52.4, noNaN: true }),
      fc.constantFrom(NaN, Infinity, -Infinity, 1e9, 0),
      fc.string({ maxLength: 3 }),
    );
    const position = fc.oneof(fc.array(coordinate, { minLength: 0, maxLength: 3 }), coordinate);
    const ring = fc.oneof(
      fc.array(position, { maxLength: 7 }),
      // A closed ring of random positions near the grid (may cross itself).
      fc
        .array(
          fc.tuple(
            fc.double({ min: 4.95, max: 5.35, noNaN: true }),
            fc.double({ min: 51.95, max: 52.35, noNaN: true }),
          ),
          {
            minLength: 3,
            maxLength: 6,
          },
        )
        .map((ps) => [...ps, ps[0]!]),
    );
    const geometry = fc.oneof(
      fc.record({
        type: fc.constantFrom('Polygon', 'MultiPolygon', 'Point', 'LineString', 'GeometryCollection'),
        coordinates: fc.oneof(
          fc.array(ring, { maxLength: 3 }),
          fc.array(fc.array(ring, { maxLength: 2 }), { maxLength: 2 }),
        ),
      }),
      fc.constantFrom(null, undefined, 42, 'Polygon'),
    );
    // A rectangle of whole grid cells (columns c0..c1, rows r0..r1), possibly shifted by a sliver.
    const square = fc
      .record({
        c: fc.tuple(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 2 })),
        r: fc.tuple(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 2 })),
        shift: fc.constantFrom(0, 0.02, -0.05),
        name: fc.string({ maxLength: 8 }),
      })
      .map(({ c, r, shift, name }) => {
        const [west, east] = [5 + 0.1 * Math.min(...c) + shift, 5.1 + 0.1 * Math.max(...c) + shift];
        const [south, north] = [52 + 0.1 * Math.min(...r), 52.1 + 0.1 * Math.max(...r)];
        const ring = [
          [west, south],
          [east, south],
          [east, north],
          [west, north],
          [west, south],
        ];
        return { type: 'Feature', properties: { name }, geometry: { type: 'Polygon', coordinates: [ring] } };
      });
    const feature = fc.oneof(
      { arbitrary: square, weight: 2 },
      {
        arbitrary: fc.record({
          type: fc.constantFrom('Feature', 'Polygon', 'Other'),
          properties: fc.oneof(
            fc.constant(null),
            fc.record({ name: fc.oneof(fc.string(), fc.integer()), code: fc.string() }),
          ),
          geometry,
        }),
        weight: 3,
      },
      { arbitrary: fc.jsonValue(), weight: 1 },
    );
    const seen = { layer: 0, invalid: 0 };
    fc.assert(
      fc.property(fc.array(feature, { maxLength: 6 }), fc.boolean(), (features, skipInvalidRows) => {
        const result = importGeoJson({ type: 'FeatureCollection', features }, 'vlakken.geojson', context, {
          skipInvalidRows,
        });
        checkResult(result);
        if (result.layer) seen.layer++;
        if (result.problems.some((p) => p.kind === 'invalid-geometry')) seen.invalid++;
      }),
      { seed: SEED, numRuns: 150 },
    );
    expect(seen.layer).toBeGreaterThan(5);
    expect(seen.invalid).toBeGreaterThan(5);
  });
});

describe('round trips of random layouts', () => {
  /** Names as people write them: kept as they are by `cleanText`, with quotes, separators and markup. */
  const text = fc
    .stringMatching(/^[A-Za-zÀ-ÿ0-9'";,<>=&()-][A-Za-zÀ-ÿ0-9 '";,<>=&()-]{0,20}$/)
    .filter((s) => cleanText(s, 100).text === s);
  const layout = fc.array(fc.tuple(text, fc.subarray([...CODES], { minLength: 1 })), { minLength: 1, maxLength: 5 });

  it('a layout written as CSV (papaparse) with region codes reads back as the same regions', () => {
    fc.assert(
      fc.property(layout, fc.constantFrom(';', ',', '\t'), (regions, delimiter) => {
        const rows = regions.flatMap(([name, members], i) => members.map((m) => [m, name, `R${i + 1}`]));
        const csv = Papa.unparse({ fields: ['gemeentecode', 'regionaam', 'regiocode'], data: rows }, { delimiter });
        const result = importText(csv, 'tabel.csv', context);
        expect(result.problems.filter((p) => p.severity !== 'info')).toEqual([]);
        expect(result.layer?.regions).toEqual(
          regions
            .map(([name, members], i) => ({ code: `R${i + 1}`, name, members: [...members].sort() }))
            .sort((a, b) => (a.code < b.code ? -1 : 1)),
        );
      }),
      { seed: SEED, numRuns: 200 },
    );
  });

  it('an imported layer exported as JSON and imported again is the same layer', () => {
    fc.assert(
      fc.property(layout, (regions) => {
        const rows = regions.flatMap(([name, members], i) => members.map((m) => [m, name, `R${i + 1}`]));
        const csv = Papa.unparse({ fields: ['gemeentecode', 'regionaam', 'regiocode'], data: rows });
        const layer = importText(csv, 'tabel.csv', context).layer!;
        const again = importText(JSON.stringify(layer), 'export.json', context);
        expect(again.layer).toEqual(layer);
      }),
      { seed: SEED, numRuns: 100 },
    );
  });
});
