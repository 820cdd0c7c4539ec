import { describe, expect, it } from 'vitest';
import { feature } from 'topojson-client';
import { DataError } from '../../src/lib/errors';
import { colourCount, colourRegions, regionAdjacency } from '../../src/lib/geo/colouring';
import { layerModel } from '../../src/lib/model/layer-model';
import { topologyIndex } from '../../src/lib/model/topology-index';
import type { MunicipalityTopology, Region } from '../../src/lib/types';
import { GRID, LAYOUTS, makeGridTopology } from '../fixtures/grid';
import { seededRandom } from '../fixtures/random';

/** The layer model of `regions` on `topology`, as the map builds it. */
const modelOf = (topology: MunicipalityTopology, regions: readonly Region[]) =>
  layerModel(topologyIndex(topology), { meta: { id: 'test-2025' }, regions });
const adjacencyOf = (topology: MunicipalityTopology, regions: readonly Region[]) =>
  regionAdjacency(modelOf(topology, regions));
const coloursOf = (topology: MunicipalityTopology, regions: readonly Region[]) =>
  colourRegions(modelOf(topology, regions));

const code = (n: number): string => `GM${String(n).padStart(4, '0')}`;

/** Pairs of cells of a columns × rows grid that share a side, worked out from the grid itself. */
function sideNeighbours(columns: number, rows: number): [string, string][] {
  const pairs: [string, string][] = [];
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < columns; c++) {
      const n = r * columns + c + 1;
      if (c + 1 < columns) pairs.push([code(n), code(n + 1)]);
      if (r + 1 < rows) pairs.push([code(n), code(n + columns)]);
    }
  }
  return pairs;
}

/** Random layout: k seed cells grow into contiguous regions in random order; some cells also join a second region. */
function randomLayout(random: () => number, columns: number, rows: number, multiShare: number): Region[] {
  const count = columns * rows;
  const k = 2 + Math.floor(random() * 10);
  const owner = new Array<number>(count).fill(-1);
  const frontier: number[] = [];
  for (let r = 0; r < k; r++) {
    const cell = Math.floor(random() * count);
    if (owner[cell] === -1) {
      owner[cell] = r;
      frontier.push(cell);
    }
  }
  while (frontier.length > 0) {
    const cell = frontier.splice(Math.floor(random() * frontier.length), 1)[0]!;
    const c = cell % columns;
    const around = [c > 0 ? cell - 1 : -1, c + 1 < columns ? cell + 1 : -1, cell - columns, cell + columns];
    for (const next of around) {
      if (next >= 0 && next < count && owner[next] === -1) {
        owner[next] = owner[cell]!;
        frontier.push(next);
      }
    }
  }
  const members = new Map<number, Set<number>>();
  owner.forEach((r, cell) => {
    const add = (region: number) => (members.get(region) ?? members.set(region, new Set()).get(region)!).add(cell + 1);
    add(r);
    if (random() < multiShare) add(Math.floor(random() * k));
  });
  return [...members.entries()].map(([r, cells]) => ({
    code: `Q${String(r).padStart(2, '0')}`,
    name: `Random ${r}`,
    members: [...cells].sort((a, b) => a - b).map(code),
  }));
}

describe('regionAdjacency', () => {
  it('links regions across shared sides but not across a corner', () => {
    const adjacency = adjacencyOf(GRID, LAYOUTS.cells);
    expect([...adjacency.get('K5')!].sort()).toEqual(['K2', 'K4', 'K6', 'K8']);
    // GM0001 and GM0005 only touch at a point.
    expect([...adjacency.get('K1')!].sort()).toEqual(['K2', 'K4']);
  });

  it('links overlapping regions (a shared member) and lists regions without neighbours', () => {
    const adjacency = adjacencyOf(GRID, LAYOUTS.overlap);
    expect([...adjacency.get('M1')!]).toEqual(['M2']);
    const alone = adjacencyOf(GRID, [{ code: 'A', name: 'Alles', members: LAYOUTS.cells.flatMap((r) => r.members) }]);
    expect(alone).toEqual(new Map([['A', new Set()]]));
  });

  it('names the layer, region and code of a member missing from the topology', () => {
    expect(() => adjacencyOf(GRID, [{ code: 'X', name: 'Nergens', members: ['GM0404'] }])).toThrow(DataError);
    expect(() => adjacencyOf(GRID, [{ code: 'X', name: 'Nergens', members: ['GM0404'] }])).toThrow(
      'Layer test-2025, region X: member GM0404 is not a known gemeente',
    );
  });
});

describe('colourRegions', () => {
  it('colours rows 0, 1, 0 (R1 and R3 do not touch)', () => {
    const colours = coloursOf(GRID, LAYOUTS.rows);
    expect(colours).toEqual(
      new Map([
        ['R1', 0],
        ['R2', 1],
        ['R3', 0],
      ]),
    );
    expect(colourCount(colours)).toBe(2);
  });

  it('colours single cells as a checkerboard', () => {
    const colours = coloursOf(GRID, LAYOUTS.cells);
    expect([...colours.entries()].sort().map(([, c]) => c)).toEqual([0, 1, 0, 1, 0, 1, 0, 1, 0]);
  });

  it('needs four colours for a centre touched by three regions that touch each other', () => {
    // Order by size then code: H1 (3) → 0, H3 (3, touches H1) → 1, H2 (2, touches H1, H3) → 2, H4 (1, touches all) → 3.
    const colours = coloursOf(GRID, LAYOUTS.hub);
    expect(colours).toEqual(
      new Map([
        ['H1', 0],
        ['H3', 1],
        ['H2', 2],
        ['H4', 3],
      ]),
    );
    expect(colourCount(colours)).toBe(4);
  });

  it('colours the largest region first, whatever its code', () => {
    // The centre has the lower code, but the ring around it is larger and gets colour 0.
    const [ring, centre] = LAYOUTS.ring;
    const colours = coloursOf(GRID, [
      { ...centre!, code: 'A' },
      { ...ring!, code: 'B' },
    ]);
    expect(colours).toEqual(
      new Map([
        ['B', 0],
        ['A', 1],
      ]),
    );
  });

  it('gives overlapping regions different colours, even where no side separates them', () => {
    expect(coloursOf(GRID, LAYOUTS.overlap)).toEqual(
      new Map([
        ['M1', 0],
        ['M2', 1],
      ]),
    );
    const twins: Region[] = [
      { code: 'T1', name: 'Een', members: ['GM0005'] },
      { code: 'T2', name: 'Twee', members: ['GM0005'] },
    ];
    expect(coloursOf(GRID, twins)).toEqual(
      new Map([
        ['T1', 0],
        ['T2', 1],
      ]),
    );
  });

  it('counts no colours for no regions', () => {
    expect(colourCount(coloursOf(GRID, []))).toBe(0);
  });

  it('never gives neighbours the same colour on random layouts (seeded), deterministically', () => {
    const [columns, rows] = [8, 7];
    const topology = makeGridTopology(columns, rows);
    const pairs = sideNeighbours(columns, rows);
    const random = seededRandom(20250101);
    let maxColours = 0;
    for (let run = 0; run < 200; run++) {
      const layout = randomLayout(random, columns, rows, run % 2 === 0 ? 0 : 0.1);
      const colours = coloursOf(topology, layout);
      expect(coloursOf(topology, layout)).toEqual(colours);
      expect([...colours.keys()].sort()).toEqual(layout.map((r) => r.code).sort());
      const regionsOf = new Map<string, string[]>();
      for (const region of layout) {
        for (const m of region.members) regionsOf.set(m, [...(regionsOf.get(m) ?? []), region.code]);
      }
      for (const own of regionsOf.values()) {
        for (const a of own) for (const b of own) if (a !== b) expect(colours.get(a)).not.toBe(colours.get(b));
      }
      for (const [x, y] of pairs) {
        for (const a of regionsOf.get(x)!) {
          for (const b of regionsOf.get(y)!) if (a !== b) expect(colours.get(a)).not.toBe(colours.get(b));
        }
      }
      // Indices are 0..k−1 without gaps.
      const k = colourCount(colours);
      expect(new Set(colours.values())).toEqual(new Set(Array.from({ length: k }, (_, i) => i)));
      maxColours = Math.max(maxColours, k);
    }
    // The runs did exercise more than a two-colouring.
    expect(maxColours).toBeGreaterThanOrEqual(3);
  });
});

describe('makeGridTopology', () => {
  it('reproduces the hand-made 3×3 grid', () => {
    const generated = feature(makeGridTopology(3, 3), makeGridTopology(3, 3).objects.municipalities);
    const handMade = feature(GRID, GRID.objects.municipalities);
    expect(generated.features.map((f) => [f.id, f.geometry])).toEqual(handMade.features.map((f) => [f.id, f.geometry]));
  });
});
