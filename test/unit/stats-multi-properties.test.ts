/**
 * Property tests (fast-check, fixed seed) of congruence across many layouts and of the building blocks, on
 * random layouts over generated grids: identical layouts, layouts refining one another, the relation to the
 * two-layer Jaccard congruence, and agreement with slow reference implementations written straight from the
 * definitions (sets of codes, a search over the shared-region graph).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Atlas } from '../../src/lib/data/atlas';
import { computeBuildingBlocks } from '../../src/lib/stats/blocks';
import { computeCongruence } from '../../src/lib/stats/congruence';
import { computeMultiCongruence, partnersPerLayer } from '../../src/lib/stats/multi-congruence';
import { generatedAtlas } from '../fixtures/grid-atlas';

const SEED = 20250111;
const RUNS = 150;

type Kind = 'partition' | 'partial' | 'multi';

interface Scenario {
  columns: number;
  rows: number;
  /** Regions per gemeente, per layer. */
  layers: number[][][];
  inhabitants: (number | null)[];
}

/** Memberships of one gemeente for a layer of the given kind (up to 5 regions). */
function membership(kind: Kind): fc.Arbitrary<number[]> {
  const region = fc.integer({ min: 0, max: 4 });
  if (kind === 'partition') return region.map((r) => [r]);
  if (kind === 'partial') return fc.option(region, { nil: null, freq: 3 }).map((r) => (r === null ? [] : [r]));
  return fc.uniqueArray(region, { minLength: 0, maxLength: 2 });
}

/** A grid of up to 5×5 gemeenten with 2 to 4 layers of the given kind. */
function scenario(kind: Kind, layerCount = fc.integer({ min: 2, max: 4 })): fc.Arbitrary<Scenario> {
  return fc
    .record({ columns: fc.integer({ min: 1, max: 5 }), rows: fc.integer({ min: 1, max: 5 }), k: layerCount })
    .chain(({ columns, rows, k }) => {
      const n = columns * rows;
      return fc.record({
        columns: fc.constant(columns),
        rows: fc.constant(rows),
        layers: fc.array(fc.array(membership(kind), { minLength: n, maxLength: n }), { minLength: k, maxLength: k }),
        inhabitants: fc.array(fc.option(fc.integer({ min: 0, max: 100_000 }), { nil: null, freq: 4 }), {
          minLength: n,
          maxLength: n,
        }),
      });
    });
}

const idOf = (j: number): string => `l${j}`;

function atlasOf(s: Scenario): Atlas {
  return generatedAtlas(
    s.columns,
    s.rows,
    s.layers.map((memberships, j) => ({ id: idOf(j), memberships })),
    s.inhabitants,
  );
}

/** Member sets of a layer's regions. */
function regionSets(atlas: Atlas, id: string): Set<string>[] {
  return atlas.layersById.get(id)!.regions.map((r) => new Set(r.members));
}

/** Groups of codes as sorted, comparable strings. */
function asGroups(groups: Iterable<Iterable<string>>): string[] {
  return [...groups].map((g) => [...g].sort().join(' ')).sort();
}

/** Scores, blocks and groups straight from the definitions, with sets of codes. */
function reference(atlas: Atlas, ids: readonly string[]) {
  const layers = ids.map((id) => regionSets(atlas, id));
  const covered = layers.map((regions) => new Set(regions.flatMap((s) => [...s])));
  const codes = atlas.municipalities.map((m) => m.code);
  const common = codes.filter((c) => covered.every((set) => set.has(c)));
  const commonSet = new Set(common);
  const scores = new Map<string, { score: number; union: number; counts: number[] }>();
  for (const code of common) {
    const partnerSets = layers.map(
      (regions) =>
        new Set(
          regions
            .filter((s) => s.has(code))
            .flatMap((s) => [...s])
            .filter((c) => c !== code && commonSet.has(c)),
        ),
    );
    const union = new Set(partnerSets.flatMap((s) => [...s]));
    const counts = partnerSets.map((s) => s.size);
    const total = counts.reduce((a, b) => a + b, 0);
    scores.set(code, { score: union.size === 0 ? 1 : total / (ids.length * union.size), union: union.size, counts });
  }
  // Blocks: common gemeenten with the same regions (by index) in every layer.
  const byKey = new Map<string, string[]>();
  for (const code of common) {
    const key = layers.map((regions) => regions.flatMap((s, r) => (s.has(code) ? [r] : [])).join(',')).join('|');
    byKey.set(key, [...(byKey.get(key) ?? []), code]);
  }
  // Groups: search over "shares a region in some layer", from every gemeente some layer covers.
  const allRegions = layers.flat();
  const seen = new Set<string>();
  const groups: string[][] = [];
  for (const code of codes) {
    if (seen.has(code) || !covered.some((set) => set.has(code))) continue;
    const group: string[] = [];
    const queue = [code];
    seen.add(code);
    while (queue.length > 0) {
      const c = queue.pop()!;
      group.push(c);
      for (const s of allRegions) {
        if (!s.has(c)) continue;
        for (const d of s) {
          if (!seen.has(d)) {
            seen.add(d);
            queue.push(d);
          }
        }
      }
    }
    groups.push(group);
  }
  return { common, scores, blocks: asGroups(byKey.values()), groups: asGroups(groups) };
}

describe('agreement with the definitions', () => {
  it.each(['partition', 'partial', 'multi'] as Kind[])('matches scores, blocks and groups (%s)', (kind) => {
    fc.assert(
      fc.property(scenario(kind), (s) => {
        const atlas = atlasOf(s);
        const ids = s.layers.map((_, j) => idOf(j));
        const layers = ids.map((id) => atlas.layersById.get(id)!);
        const multi = computeMultiCongruence(atlas, layers);
        const ref = reference(atlas, ids);

        expect(multi.perMunicipality.map((m) => m.code)).toEqual(ref.common);
        for (const m of multi.perMunicipality) {
          const r = ref.scores.get(m.code)!;
          expect(m.score).toBeCloseTo(r.score, 12);
          expect([m.partnerUnionCount, m.partnerCounts]).toEqual([r.union, r.counts]);
          expect(m.score).toBeGreaterThanOrEqual(1 / ids.length - 1e-12);
          expect(m.score).toBeLessThanOrEqual(1);
        }
        expect(multi.commonCount + multi.leftOut.length).toBe(multi.totalCount);
        expect(multi.distribution.reduce((total, bin) => total + bin.count, 0)).toBe(multi.commonCount);
        expect(multi.distribution[10]!.count).toBe(multi.perMunicipality.filter((m) => m.score === 1).length);
        // The ranking is every compared gemeente once, in ascending score.
        expect([...multi.ranking].sort()).toEqual(ref.common);
        const scoreOf = new Map(multi.perMunicipality.map((m) => [m.code, m.score]));
        multi.ranking.slice(1).forEach((code, i) => {
          expect(scoreOf.get(code)!).toBeGreaterThanOrEqual(scoreOf.get(multi.ranking[i]!)!);
        });

        const blocks = computeBuildingBlocks(atlas, layers);
        expect(asGroups(blocks.blocks.map((b) => b.codes))).toEqual(ref.blocks);
        expect(asGroups(blocks.groups.map((g) => g.codes))).toEqual(ref.groups);
        // Numbered in the order of their first codes; every block inside one group, with one score.
        expect(blocks.blocks.map((b) => b.codes[0])).toEqual([...blocks.blocks.map((b) => b.codes[0])].sort());
        expect(blocks.blocks.map((b) => b.number)).toEqual(blocks.blocks.map((_, i) => i + 1));
        expect(blocks.groups.map((g) => g.codes[0])).toEqual([...blocks.groups.map((g) => g.codes[0])].sort());
        const groupOf = new Map(blocks.groups.flatMap((g) => g.codes.map((c) => [c, g.number])));
        for (const b of blocks.blocks) {
          expect(new Set(b.codes.map((c) => groupOf.get(c))).size).toBe(1);
          expect(new Set(b.codes.map((c) => scoreOf.get(c))).size).toBe(1);
        }
        // Every region of every layer lies in exactly one group.
        ids.forEach((id, j) => {
          const listed = blocks.groups.flatMap((g) => g.regions[j]!.regionCodes);
          expect(listed.sort()).toEqual(
            atlas.layersById
              .get(id)!
              .regions.map((r) => r.code)
              .sort(),
          );
        });
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('gives the same partners and score per gemeente as the panel function', () => {
    fc.assert(
      fc.property(scenario('multi'), (s) => {
        const atlas = atlasOf(s);
        const layers = s.layers.map((_, j) => atlas.layersById.get(idOf(j))!);
        const multi = computeMultiCongruence(atlas, layers);
        const byCode = new Map(multi.perMunicipality.map((m) => [m.code, m]));
        for (const { code } of atlas.municipalities) {
          const panel = partnersPerLayer(atlas, layers, code);
          const m = byCode.get(code);
          expect(panel.isCompared).toBe(m !== undefined);
          expect(panel.score).toBe(m?.score ?? null);
          if (m) {
            expect(panel.layers.map((l) => l.partnerCodes.length)).toEqual(m.partnerCounts);
            expect(panel.partners).toHaveLength(m.partnerUnionCount);
            const total = panel.partners.reduce((sum, p) => sum + p.layerCount, 0);
            expect(total).toBe(m.partnerCounts.reduce((a, b) => a + b, 0));
          }
        }
      }),
      { seed: SEED, numRuns: 50 },
    );
  });
});

describe('two layouts', () => {
  it.each(['partition', 'partial', 'multi'] as Kind[])('score (1 + Jaccard) / 2 (%s)', (kind) => {
    fc.assert(
      fc.property(scenario(kind, fc.constant(2)), (s) => {
        const atlas = atlasOf(s);
        const [a, b] = [atlas.layersById.get('l0')!, atlas.layersById.get('l1')!];
        const multi = computeMultiCongruence(atlas, [a, b]);
        const pair = computeCongruence(atlas, a, b);
        expect(multi.perMunicipality.map((m) => m.code)).toEqual(pair.perMunicipality.map((m) => m.code));
        multi.perMunicipality.forEach((m, i) => {
          expect(m.score).toBeCloseTo((1 + pair.perMunicipality[i]!.congruence) / 2, 12);
        });
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });
});

describe('identical layouts', () => {
  it.each(['partition', 'partial', 'multi'] as Kind[])(
    'score 100 % everywhere; blocks and groups are the regions (%s)',
    (kind) => {
      fc.assert(
        fc.property(scenario(kind), (s) => {
          const atlas = atlasOf({ ...s, layers: s.layers.map(() => s.layers[0]!) });
          const layers = s.layers.map((_, j) => atlas.layersById.get(idOf(j))!);
          const multi = computeMultiCongruence(atlas, layers);
          expect(multi.perMunicipality.every((m) => m.score === 1)).toBe(true);
          expect(multi.distribution[10]!.count).toBe(multi.commonCount);
          expect(multi.mean).toBe(multi.commonCount > 0 ? 1 : null);
          expect(multi.leftOut.every((m) => m.missingLayerIds.length === layers.length)).toBe(true);
          const blocks = computeBuildingBlocks(atlas, layers);
          const regions = regionSets(atlas, 'l0');
          expect(asGroups(blocks.groups.map((g) => g.codes))).toEqual(
            kind === 'multi' ? reference(atlas, ['l0']).groups : asGroups(regions),
          );
          if (kind !== 'multi') expect(asGroups(blocks.blocks.map((b) => b.codes))).toEqual(asGroups(regions));
        }),
        { seed: SEED, numRuns: RUNS },
      );
    },
  );
});

describe('layouts refining one another', () => {
  it('blocks are the finest layout’s regions, groups the coarsest’s', () => {
    // A fine partition into up to 8 regions, a middle one merging them (fine → middle) and a coarse one merging
    // those (middle → coarse), given in a random order.
    const refining = fc
      .record({ columns: fc.integer({ min: 1, max: 5 }), rows: fc.integer({ min: 1, max: 5 }) })
      .chain(({ columns, rows }) =>
        fc.record({
          columns: fc.constant(columns),
          rows: fc.constant(rows),
          fine: fc.array(fc.integer({ min: 0, max: 7 }), { minLength: columns * rows, maxLength: columns * rows }),
          toMiddle: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 8, maxLength: 8 }),
          toCoarse: fc.array(fc.integer({ min: 0, max: 1 }), { minLength: 4, maxLength: 4 }),
          order: fc.shuffledSubarray([0, 1, 2], { minLength: 3, maxLength: 3 }),
        }),
      );
    fc.assert(
      fc.property(refining, (r) => {
        const middle = r.fine.map((f) => r.toMiddle[f]!);
        const coarse = middle.map((m) => r.toCoarse[m]!);
        const byLevel = [r.fine, middle, coarse];
        const atlas = generatedAtlas(
          r.columns,
          r.rows,
          r.order.map((level) => ({ id: `level${level}`, memberships: byLevel[level]!.map((x) => [x]) })),
        );
        const layers = r.order.map((level) => atlas.layersById.get(`level${level}`)!);
        const blocks = computeBuildingBlocks(atlas, layers);
        expect(asGroups(blocks.blocks.map((b) => b.codes))).toEqual(asGroups(regionSets(atlas, 'level0')));
        expect(asGroups(blocks.groups.map((g) => g.codes))).toEqual(asGroups(regionSets(atlas, 'level2')));
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });
});
