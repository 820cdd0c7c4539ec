/**
 * Property tests (fast-check, fixed seed) on random layouts over generated grids: symmetry where it
 * holds, a layout against itself, bounds, and agreement with slow reference implementations written
 * straight from the definitions (sets and pairs), with the region borders of geo/dissolve.ts and with
 * the geometric path.
 */
import { length } from '@turf/length';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Atlas } from '../../src/lib/data/atlas';
import { regionBorders } from '../../src/lib/geo/dissolve';
import { layerModel } from '../../src/lib/model/layer-model';
import { compareLayersGeometrically } from '../../src/lib/stats/geometric';
import { computePairMetrics, PairScratch } from '../../src/lib/stats/matrix';
import { compareLayers, METRICS, metricValue, type LayerComparison } from '../../src/lib/stats/pair';
import { generatedAtlas } from '../fixtures/grid-atlas';

const SEED = 20250103;
const RUNS = 150;

interface Scenario {
  columns: number;
  rows: number;
  /** Regions per gemeente of layers a and b. */
  a: number[][];
  b: number[][];
  inhabitants: (number | null)[];
}

type Kind = 'partition' | 'partial' | 'multi';

/** Memberships of one gemeente for a layer of the given kind (up to 5 regions). */
function membership(kind: Kind): fc.Arbitrary<number[]> {
  const region = fc.integer({ min: 0, max: 4 });
  if (kind === 'partition') return region.map((r) => [r]);
  if (kind === 'partial') return fc.option(region, { nil: null, freq: 3 }).map((r) => (r === null ? [] : [r]));
  return fc.uniqueArray(region, { minLength: 0, maxLength: 2 });
}

function scenario(kindA: Kind, kindB: Kind): fc.Arbitrary<Scenario> {
  return fc
    .record({ columns: fc.integer({ min: 1, max: 5 }), rows: fc.integer({ min: 1, max: 5 }) })
    .chain(({ columns, rows }) => {
      const n = columns * rows;
      return fc.record({
        columns: fc.constant(columns),
        rows: fc.constant(rows),
        a: fc.array(membership(kindA), { minLength: n, maxLength: n }),
        b: fc.array(membership(kindB), { minLength: n, maxLength: n }),
        inhabitants: fc.array(fc.option(fc.integer({ min: 0, max: 100_000 }), { nil: null, freq: 4 }), {
          minLength: n,
          maxLength: n,
        }),
      });
    });
}

function atlasOf(s: Scenario): Atlas {
  return generatedAtlas(
    s.columns,
    s.rows,
    [
      { id: 'a', memberships: s.a },
      { id: 'b', memberships: s.b },
    ],
    s.inhabitants,
  );
}

const KIND_PAIRS: [Kind, Kind][] = [
  ['partition', 'partition'],
  ['partition', 'partial'],
  ['partial', 'multi'],
  ['multi', 'multi'],
];

/** Expect two numbers (or nulls) to be equal up to float rounding. */
function expectClose(x: number | null, y: number | null): void {
  if (x === null || y === null) expect(x).toBe(y);
  else expect(x).toBeCloseTo(y, 9);
}

/** Expect `value` in [min, max] up to float rounding, or null. */
function expectWithin(value: number | null, min: number, max: number): void {
  if (value === null) return;
  expect(value).toBeGreaterThanOrEqual(min - 1e-12);
  expect(value).toBeLessThanOrEqual(max + 1e-12);
}

describe('symmetry', () => {
  it.each(KIND_PAIRS)('A against B mirrors B against A (%s, %s)', (kindA, kindB) => {
    fc.assert(
      fc.property(scenario(kindA, kindB), (s) => {
        const atlas = atlasOf(s);
        const ab = compareLayers(atlas, 'a', 'b');
        const ba = compareLayers(atlas, 'b', 'a');
        expect(ba.coverage).toEqual({
          ...ab.coverage,
          onlyACount: ab.coverage.onlyBCount,
          onlyBCount: ab.coverage.onlyACount,
        });
        // Congruence per gemeente and its means.
        expect(ba.congruence.perMunicipality).toEqual(
          ab.congruence.perMunicipality.map((m) => ({
            ...m,
            partnerCountA: m.partnerCountB,
            partnerCountB: m.partnerCountA,
          })),
        );
        expectClose(ba.congruence.mean, ab.congruence.mean);
        expectClose(ba.congruence.meanByArea, ab.congruence.meanByArea);
        expectClose(ba.congruence.meanByInhabitants, ab.congruence.meanByInhabitants);
        // Jaccard of every region pair, by every weight.
        const mirrored = new Map(ba.crosswalk.pairs.map((p) => [`${p.codeB} ${p.codeA}`, p]));
        expect(mirrored.size).toBe(ab.crosswalk.pairs.length);
        for (const p of ab.crosswalk.pairs) {
          const q = mirrored.get(`${p.codeA} ${p.codeB}`)!;
          expect(q.jaccardByCount).toBe(p.jaccardByCount);
          expectClose(q.jaccardByArea, p.jaccardByArea);
          expectClose(q.jaccardByInhabitants, p.jaccardByInhabitants);
          expect([q.isAInB, q.isBInA]).toEqual([p.isBInA, p.isAInB]);
        }
        // Partition agreement.
        expect(ba.partition.isDefined).toBe(ab.partition.isDefined);
        if (ab.partition.isDefined && ba.partition.isDefined) {
          expectClose(ba.partition.ari, ab.partition.ari);
          expectClose(ba.partition.nmi, ab.partition.nmi);
          expectClose(ba.partition.viBits, ab.partition.viBits);
        }
        // Directional statistics swap sides; identical regions do not care.
        expect(ba.nestedness).toEqual({ aInB: ab.nestedness.bInA, bInA: ab.nestedness.aInB });
        expect(ba.borders).toEqual({ aInB: ab.borders.bInA, bInA: ab.borders.aInB });
        expect(ba.identical).toEqual(ab.identical);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });
});

describe('a layout against itself', () => {
  it.each(['partition', 'partial', 'multi'] as Kind[])('scores perfect agreement (%s)', (kind) => {
    fc.assert(
      fc.property(scenario(kind, kind), (s) => {
        const atlas = atlasOf({ ...s, b: s.a });
        const cmp = compareLayers(atlas, 'a', 'b');
        const hasRegions = cmp.a.regionCount > 0;
        expect(cmp.congruence.mean).toBe(hasRegions ? 1 : null);
        expect(cmp.nestedness.aInB.share).toBe(hasRegions ? 1 : null);
        expect(cmp.identical.share).toBe(hasRegions ? 1 : null);
        expect([null, 1]).toContain(cmp.borders.aInB.share);
        expect(cmp.crosswalk.fromA.every((m) => m.bestMatch?.jaccard === 1 && m.onlyInRegion.length === 0)).toBe(true);
        if (cmp.partition.isDefined) {
          expect([cmp.partition.ari, cmp.partition.viBits]).toEqual([1, 0]);
          expect(cmp.partition.nmi).toBeCloseTo(1, 12);
        } else {
          expect(kind === 'multi' || !hasRegions).toBe(true);
        }
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });
});

describe('bounds', () => {
  it.each(KIND_PAIRS)('keeps every statistic in its range (%s, %s)', (kindA, kindB) => {
    fc.assert(
      fc.property(scenario(kindA, kindB), (s) => {
        const cmp = compareLayers(atlasOf(s), 'a', 'b');
        const { commonCount, onlyACount, onlyBCount, neitherCount, totalCount } = cmp.coverage;
        expect(commonCount + onlyACount + onlyBCount + neitherCount).toBe(totalCount);
        expect(cmp.congruence.perMunicipality).toHaveLength(commonCount);
        for (const m of cmp.congruence.perMunicipality) expectWithin(m.congruence, 0, 1);
        expectWithin(cmp.congruence.mean, 0, 1);
        expectWithin(cmp.congruence.meanByInhabitants, 0, 1);
        for (const p of cmp.crosswalk.pairs) {
          expect(p.jaccardByCount).toBeGreaterThan(0);
          expectWithin(p.jaccardByCount, 0, 1);
          expectWithin(p.jaccardByArea, 0, 1);
          expectWithin(p.jaccardByInhabitants, 0, 1);
        }
        if (cmp.partition.isDefined) {
          const { ari, nmi, viBits, viNormalized, n } = cmp.partition;
          expectWithin(ari, -0.5, 1);
          expectWithin(nmi, 0, 1);
          expectWithin(viBits, 0, Math.log2(n));
          expectWithin(viNormalized, 0, 1);
        }
        for (const share of [
          cmp.nestedness.aInB.share,
          cmp.nestedness.bInA.shareByInhabitants,
          cmp.borders.aInB.share,
          cmp.borders.bInA.share,
          cmp.identical.share,
        ]) {
          expectWithin(share, 0, 1);
        }
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });
});

/** Region code → member set, from a comparison's layer (via the atlas). */
function regionSets(atlas: Atlas, id: string): Map<string, Set<string>> {
  return new Map(atlas.layersById.get(id)!.regions.map((r) => [r.code, new Set(r.members)]));
}

/** Congruence and crosswalk straight from the definitions, with sets. */
function reference(atlas: Atlas): { congruence: Map<string, number>; pairs: Map<string, number>; nestedA: number } {
  const a = regionSets(atlas, 'a');
  const b = regionSets(atlas, 'b');
  const union = (regions: Map<string, Set<string>>, code: string): Set<string> =>
    new Set([...regions.values()].filter((s) => s.has(code)).flatMap((s) => [...s]));
  const coveredBy = (regions: Map<string, Set<string>>) => new Set([...regions.values()].flatMap((s) => [...s]));
  const coveredB = coveredBy(b);
  const common = new Set([...coveredBy(a)].filter((c) => coveredB.has(c)));
  const congruence = new Map<string, number>();
  for (const code of common) {
    const pa = new Set([...union(a, code)].filter((c) => c !== code && common.has(c)));
    const pb = new Set([...union(b, code)].filter((c) => c !== code && common.has(c)));
    const shared = [...pa].filter((c) => pb.has(c)).length;
    const all = new Set([...pa, ...pb]).size;
    congruence.set(code, all === 0 ? 1 : shared / all);
  }
  const pairs = new Map<string, number>();
  for (const [ca, sa] of a) {
    for (const [cb, sb] of b) {
      const shared = [...sa].filter((c) => sb.has(c)).length;
      if (shared > 0) pairs.set(`${ca} ${cb}`, shared / new Set([...sa, ...sb]).size);
    }
  }
  const nestedA = [...a.values()].filter((sa) => [...b.values()].some((sb) => [...sa].every((c) => sb.has(c)))).length;
  return { congruence, pairs, nestedA };
}

describe('agreement with slower paths', () => {
  it.each(KIND_PAIRS)(
    'matches congruence, Jaccard and nestedness computed from the definitions (%s, %s)',
    (kindA, kindB) => {
      fc.assert(
        fc.property(scenario(kindA, kindB), (s) => {
          const atlas = atlasOf(s);
          const cmp: LayerComparison = compareLayers(atlas, 'a', 'b');
          const ref = reference(atlas);
          expect(new Map(cmp.congruence.perMunicipality.map((m) => [m.code, m.congruence]))).toEqual(ref.congruence);
          expect(new Map(cmp.crosswalk.pairs.map((p) => [`${p.codeA} ${p.codeB}`, p.jaccardByCount]))).toEqual(
            ref.pairs,
          );
          expect(cmp.nestedness.aInB.nestedCount).toBe(ref.nestedA);
        }),
        { seed: SEED, numRuns: RUNS },
      );
    },
  );

  it('measures border length like the region borders drawn on the map (complete layers)', () => {
    fc.assert(
      fc.property(scenario('partition', 'multi'), (s) => {
        // Complete layers: every gemeente in a region of both, so the common set is the whole grid.
        const atlas = atlasOf({ ...s, b: s.b.map((m) => (m.length > 0 ? m : [0])) });
        const cmp = compareLayers(atlas, 'a', 'b');
        for (const [id, coincidence] of [
          ['a', cmp.borders.aInB],
          ['b', cmp.borders.bInA],
        ] as const) {
          const mesh = regionBorders(layerModel(atlas.index, atlas.layersById.get(id)!));
          expect(coincidence.borderKm).toBeCloseTo(length({ type: 'Feature', properties: {}, geometry: mesh }), 9);
        }
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('gives the Jaccard by area of the geometric path within 0.5%', () => {
    fc.assert(
      fc.property(scenario('partial', 'multi'), (s) => {
        const atlas = atlasOf(s);
        const [a, b] = atlas.layers as [Atlas['layers'][0], Atlas['layers'][0]];
        const sets = new Map(compareLayers(atlas, 'a', 'b').crosswalk.pairs.map((p) => [`${p.codeA} ${p.codeB}`, p]));
        const shapes = compareLayersGeometrically(atlas, a, b);
        expect(shapes.map((o) => `${o.codeA} ${o.codeB}`)).toEqual([...sets.keys()]);
        for (const shape of shapes) {
          const set = sets.get(`${shape.codeA} ${shape.codeB}`)!;
          expect(Math.abs(shape.intersectionKm2 - set.intersectionKm2) / set.intersectionKm2).toBeLessThan(0.005);
          expect(Math.abs(shape.jaccardByArea! - set.jaccardByArea!)).toBeLessThan(0.005);
        }
      }),
      { seed: SEED, numRuns: 20 },
    );
  });
});

describe('the matrix’s metrics-only path', () => {
  for (const [kindA, kindB] of KIND_PAIRS) {
    it(`gives every metric from both sides as the full comparison does (${kindA} × ${kindB})`, () => {
      fc.assert(
        fc.property(scenario(kindA, kindB), (s) => {
          const atlas = atlasOf(s);
          const [a, b] = [atlas.layersById.get('a')!, atlas.layersById.get('b')!];
          const full = compareLayers(atlas, 'a', 'b');
          // A fresh scratch, and one that counted another pair first (its tallies must have been reset).
          const used = new PairScratch();
          computePairMetrics(atlas, b, a, used);
          for (const scratch of [new PairScratch(), used]) {
            const fast = computePairMetrics(atlas, a, b, scratch);
            // The same definitions summed in another order: equal up to float rounding, null exactly where undefined.
            for (const { id } of METRICS) {
              expectClose(fast.aToB[id], metricValue(full, id, 'a'));
              expectClose(fast.bToA[id], metricValue(full, id, 'b'));
            }
          }
        }),
        { seed: SEED, numRuns: RUNS },
      );
    });
  }
});
