/**
 * Issue 13: an import's work is bounded by what the algorithm needs, not by the file's size. Whatever polygon a
 * file holds, and however many vertices, the GeoJSON importer either completes or refuses the file, and never
 * takes more steps than its work limit (`ImportResult.work`, counted in `WorkBudget` steps; no test here looks at
 * the clock). Files beyond the vertex limit are refused before any work.
 */
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import type { Position } from 'geojson';
import { beforeAll, describe, expect, it } from 'vitest';
import { assembleYear, readManifest, type DataSource } from '../../src/lib/data/assemble';
import {
  MAX_IMPORT_VERTICES,
  MAX_IMPORT_WORK,
  MAX_SELF_CROSSINGS,
  checkGeometry,
  importGeoJson,
} from '../../src/lib/import/geojson';
import type { ImportContext, ImportResult } from '../../src/lib/import/problems';
import { gridAtlas } from '../fixtures/grid-atlas';
import { seededRandom } from '../fixtures/random';

const gridContext: ImportContext = { atlas: gridAtlas(), former: [], today: '2025-06-01' };

type Shape = 'circle' | 'jagged' | 'star' | 'polygram' | 'random' | 'comb';

/**
 * A closed ring of `n` positions over the grid's gemeenten (5.0–5.3 E, 52.0–52.3 N) and around them: a circle, a
 * circle with a fine saw edge, a star of spikes, a polygram (every vertex joined to one far round: thousands of
 * crossings), random points, or a comb whose teeth run through every gemeente.
 */
function shape(kind: Shape, n: number, seed: number): Position[] {
  const random = seededRandom(seed);
  const [cx, cy, r] = [5.15, 52.15, 0.2];
  const out: Position[] = [];
  const step = kind === 'polygram' ? Math.floor(n / 2) - 1 || 1 : 1;
  for (let i = 0; i < n; i++) {
    const angle = (2 * Math.PI * ((i * step) % n)) / n;
    let radius = r;
    if (kind === 'jagged') radius = r * (1 + 0.02 * Math.sin(i * 7.3));
    if (kind === 'star') radius = i % 2 === 0 ? r : r * 0.1;
    if (kind === 'random') {
      out.push([cx - r + 2 * r * random(), cy - r + 2 * r * random()]);
      continue;
    }
    if (kind === 'comb') {
      const tooth = Math.floor(i / 2);
      const teeth = Math.ceil(n / 2);
      const x = 4.95 + (0.4 * tooth) / teeth;
      out.push([x, (tooth + i) % 2 === 0 ? 51.95 : 52.35]);
      continue;
    }
    out.push([cx + radius * Math.cos(angle), cy + radius * Math.sin(angle)]);
  }
  out.push([out[0]![0]!, out[0]![1]!]);
  return out;
}

const fileOf = (ring: Position[]) => ({
  type: 'FeatureCollection',
  features: [{ type: 'Feature', properties: { naam: 'Regio' }, geometry: { type: 'Polygon', coordinates: [ring] } }],
});

const refusedAs = (result: ImportResult, kind: string) =>
  result.layer === null && result.problems.some((p) => p.kind === kind && p.severity === 'error');

describe('the GeoJSON importer under a work limit', () => {
  it('completes or refuses any generated polygon, never taking more steps than its limit', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<Shape>('circle', 'jagged', 'star', 'polygram', 'random', 'comb'),
        fc.integer({ min: 3, max: 20_000 }),
        fc.integer(),
        fc.integer({ min: 1_000, max: 400_000 }),
        (kind, n, seed, workLimit) => {
          const result = importGeoJson(fileOf(shape(kind, n, seed)), 'x.geojson', gridContext, {}, { workLimit });
          expect(result.format).toBe('geojson');
          expect(result.work).toBeGreaterThanOrEqual(0);
          expect(result.work).toBeLessThanOrEqual(workLimit);
          if (refusedAs(result, 'too-complex')) {
            expect(result.problems).toEqual([expect.objectContaining({ kind: 'too-complex', limit: workLimit })]);
          }
        },
      ),
      { numRuns: 120 },
    );
  });

  it('counts its work exactly: a completed import needs its own count and not one step less', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<Shape>('circle', 'jagged', 'star', 'comb'),
        fc.integer({ min: 3, max: 3_000 }),
        fc.integer(),
        (kind, n, seed) => {
          const file = fileOf(shape(kind, n, seed));
          const free = importGeoJson(file, 'x.geojson', gridContext);
          fc.pre(!refusedAs(free, 'too-complex'));
          const work = free.work!;
          expect(work).toBeGreaterThan(0);
          expect(importGeoJson(file, 'x.geojson', gridContext, {}, { workLimit: work })).toEqual(free);
          expect(
            refusedAs(importGeoJson(file, 'x.geojson', gridContext, {}, { workLimit: work - 1 }), 'too-complex'),
          ).toBe(true);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('refuses more vertices than MAX_IMPORT_VERTICES before any work, saying how many', () => {
    fc.assert(
      fc.property(fc.integer({ min: MAX_IMPORT_VERTICES, max: MAX_IMPORT_VERTICES + 5_000 }), (n) => {
        const result = importGeoJson(fileOf(shape('circle', n, 1)), 'x.geojson', gridContext);
        expect(result.work).toBe(0);
        expect(result.problems).toEqual([
          { severity: 'error', kind: 'too-many-vertices', count: n + 1, limit: MAX_IMPORT_VERTICES },
        ]);
      }),
      { numRuns: 3 },
    );
  });

  it('refuses a ring that crosses itself thousands of times as too complex, and names a single crossing', () => {
    const polygram = checkGeometry({ type: 'Polygon', coordinates: [shape('polygram', 2001, 1)] });
    expect(polygram).toEqual({ ok: false, reason: 'too-complex' });
    const bowTie = checkGeometry({
      type: 'Polygon',
      coordinates: [
        [
          [5, 52],
          [5.2, 52.2],
          [5.2, 52],
          [5, 52.2],
          [5, 52],
        ],
      ],
    });
    expect(bowTie).toMatchObject({ ok: true, crossing: [5.1, 52.1] });
    expect(MAX_SELF_CROSSINGS).toBe(1000);
  });

  it('reports the refused feature and keeps the others', () => {
    const json = {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { naam: 'Ster' },
          geometry: { type: 'Polygon', coordinates: [shape('polygram', 2001, 1)] },
        },
        {
          type: 'Feature',
          properties: { naam: 'Rond' },
          geometry: { type: 'Polygon', coordinates: [shape('circle', 64, 1)] },
        },
      ],
    };
    const result = importGeoJson(json, 'x.geojson', gridContext, { skipInvalidRows: true });
    expect(result.problems[0]).toEqual({
      severity: 'warning',
      kind: 'invalid-geometry',
      row: 1,
      reason: 'too-complex',
      value: 'Ster',
    });
    expect(result.layer?.regions.map((r) => r.name)).toEqual(['Rond']);
  });
});

describe('a 100,000-vertex polygon over the real gemeenten of 2025', () => {
  const dataDir = join(dirname(fileURLToPath(import.meta.url)), '../../public/data');
  const source: DataSource = {
    readText: (file) => readFile(join(dataDir, file), 'utf8'),
    nameOf: (file) => join(dataDir, file),
  };
  let context: ImportContext;
  beforeAll(async () => {
    const manifest = await readManifest(source);
    const loaded = await assembleYear(source, manifest, 2025);
    context = { atlas: loaded.atlas, former: loaded.former, today: '2025-06-01' };
  }, 60_000);

  it('is assigned within a tenth of the work limit, with progress for every gemeente', () => {
    // A circle around the whole country with a fine saw edge: 100,000 positions, about 4 MB as a file.
    const n = 100_000;
    const ring: Position[] = [];
    for (let i = 0; i < n; i++) {
      const angle = (2 * Math.PI * i) / n;
      const r = 2 + 0.001 * Math.sin(i * 7.3);
      ring.push([5.3 + 1.3 * r * Math.cos(angle), 52.2 + r * Math.sin(angle)]);
    }
    ring.push(ring[0]!);
    const progress: [number, number][] = [];
    const result = importGeoJson(
      fileOf(ring),
      'cirkel.geojson',
      context,
      {},
      {
        onProgress: (done, total) => progress.push([done, total]),
      },
    );
    expect(JSON.stringify(fileOf(ring)).length).toBeGreaterThan(3_500_000);
    expect(result.work).toBeLessThan(MAX_IMPORT_WORK / 10);
    expect(result.layer?.regions).toHaveLength(1);
    expect(result.stats.covered).toBe(context.atlas.municipalities.length);
    const total = context.atlas.municipalities.length;
    expect(progress).toEqual(Array.from({ length: total }, (_, i) => [i + 1, total]));
  });
});
