/**
 * A data folder for the browser with the real 342-gemeente topology and 50 layers (issue 9: "50 layers at
 * 342 gemeenten"): the 11 built layers of `public/data`, copied byte for byte, and 39 generated ones, all
 * seeded so every run writes the same files. The generated layers group gemeenten the way real layouts do:
 * - cross-cutting: seeded region growing over neighbouring gemeenten (gemeenten that share a border arc),
 *   from 4 to 150 regions, some grown evenly (the smallest region grows next), some at random;
 * - nested chains: a grown layer, its regions grouped into coarser regions by the same growing over
 *   neighbouring regions, and those again (each coarser layer made of whole regions of the finer one);
 * - groupings of the built layers' regions (e.g. jeugdregio's 42 into 12), nested in a real layer;
 * - partial layers (only some regions have data, like the CJG layer), one layer of single gemeenten, a
 *   copy of a built layer under another name (identical layouts exist: brandweer and veiligheidsregio);
 * - two layers that allow a gemeente in more than one region (border gemeenten also join a neighbour).
 * Gemeenten that share no arc with any other (the Wadden islands) count as neighbours of the nearest
 * gemeente by centroid, so every grown region is contiguous on the map or across a stretch of water.
 *
 * The files have the format of `public/data` (geo/scripts/build-data.ts): layer files as
 * `JSON.stringify(file, null, 2)` plus a newline, a manifest with the right sha256 of every file, the
 * topology and the former-gemeenten file copied unchanged. Generated layers are not visible by default,
 * so the app's default view is that of the built data. `checkBenchData` reads the folder back with the
 * app's own parsers.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { geoCentroid } from 'd3-geo';
import { feature, neighbors } from 'topojson-client';
import type { GeometryObject, Objects, Topology } from 'topojson-specification';
import { LAYER_FORMAT, parseManifest } from '../../src/lib/data/parse';
import { compareCodes } from '../../src/lib/model/codes';
import type { Domain, LayerEntry, LayerFile, Manifest, MunicipalityTopology, Region } from '../../src/lib/types';
import { MUNICIPALITIES_OBJECT } from '../../src/lib/types';
import { decodeAtlas } from './node-timing';
import { seededRandom } from '../fixtures/random';

/** How many layers the folder holds: 11 built and the rest generated. */
export const BENCH_LAYER_COUNT = 50;
const YEAR = 2025;
const PALETTE = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#AD7700', '#56B4E9', '#000000'];
const DASHES: (number[] | undefined)[] = [undefined, [4, 2], [1, 2], [6, 2, 1, 2]];
const DOMAINS: Domain[] = ['jeugd', 'zorg-welzijn', 'veiligheid', 'werk-inkomen', 'onderwijs', 'fysiek', 'bestuur'];
const SOURCE = {
  citation: 'gegenereerd door test/bench/bench-data.ts (benchmark, geen echte indeling)',
  licence: 'CC0',
  referenceDate: '2025-01-01',
};

/** How one generated layer is made. */
type Recipe =
  /** Grow `count` regions from seeded gemeenten; `isEven`: the smallest region grows next, else a random one. */
  | { kind: 'grow'; count: number; seed: number; isEven: boolean }
  /** Group the regions of an earlier layer (`of`: a built layer's id or a generated recipe's key) into `count`. */
  | { kind: 'group'; of: string; count: number; seed: number }
  /** Grow `count` regions and keep those whose seed gemeente drew below `share`: a partial layer. */
  | { kind: 'partial'; count: number; seed: number; share: number }
  /** Every gemeente its own region. */
  | { kind: 'single' }
  /** The regions of a built layer under another name. */
  | { kind: 'copy'; of: string }
  /** Grow `count` regions, then add each gemeente on a region's border to one neighbouring region as well. */
  | { kind: 'overlap'; count: number; seed: number };

/** The 39 generated layers, each with a key (its kind is `bench-<key>`). */
const RECIPES: readonly { key: string; recipe: Recipe }[] = [
  // Cross-cutting grown layers.
  ...[4, 5, 6, 8, 10, 12, 15, 18, 20, 25, 30, 35, 40, 45, 50, 60, 80, 100, 150].map((count, i) => ({
    key: `groei-${String(count).padStart(3, '0')}`,
    recipe: { kind: 'grow', count, seed: 100 + i, isEven: i % 3 !== 2 } as Recipe,
  })),
  // Nested chains of generated layers.
  { key: 'keten-a-120', recipe: { kind: 'grow', count: 120, seed: 201, isEven: true } },
  { key: 'keten-a-040', recipe: { kind: 'group', of: 'keten-a-120', count: 40, seed: 202 } },
  { key: 'keten-a-012', recipe: { kind: 'group', of: 'keten-a-040', count: 12, seed: 203 } },
  { key: 'keten-a-004', recipe: { kind: 'group', of: 'keten-a-012', count: 4, seed: 204 } },
  { key: 'keten-b-060', recipe: { kind: 'grow', count: 60, seed: 211, isEven: false } },
  { key: 'keten-b-020', recipe: { kind: 'group', of: 'keten-b-060', count: 20, seed: 212 } },
  { key: 'keten-b-006', recipe: { kind: 'group', of: 'keten-b-020', count: 6, seed: 213 } },
  // Groupings of the built layers' regions.
  { key: 'jeugdregio-12', recipe: { kind: 'group', of: 'jeugdregio-2025', count: 12, seed: 301 } },
  { key: 'veiligheidsregio-08', recipe: { kind: 'group', of: 'veiligheidsregio-2025', count: 8, seed: 302 } },
  { key: 'arbeidsmarktregio-10', recipe: { kind: 'group', of: 'arbeidsmarktregio-2025', count: 10, seed: 303 } },
  { key: 'ggd-06', recipe: { kind: 'group', of: 'ggd-2025', count: 6, seed: 304 } },
  { key: 'rmc-14', recipe: { kind: 'group', of: 'rmc-2025', count: 14, seed: 305 } },
  { key: 'landsdeel-04', recipe: { kind: 'group', of: 'provincie-2025', count: 4, seed: 306 } },
  // Partial layers, single gemeenten, a copy, overlapping regions.
  { key: 'deels-030', recipe: { kind: 'partial', count: 30, seed: 401, share: 0.5 } },
  { key: 'deels-020', recipe: { kind: 'partial', count: 20, seed: 402, share: 0.3 } },
  { key: 'deels-080', recipe: { kind: 'partial', count: 80, seed: 403, share: 0.1 } },
  { key: 'gemeente', recipe: { kind: 'single' } },
  { key: 'brandweer', recipe: { kind: 'copy', of: 'veiligheidsregio-2025' } },
  { key: 'overlap-025', recipe: { kind: 'overlap', count: 25, seed: 501 } },
  { key: 'overlap-012', recipe: { kind: 'overlap', count: 12, seed: 502 } },
];

/** What the folder holds, for the report. */
export interface BenchDataSummary {
  folder: string;
  layerCount: number;
  builtLayerCount: number;
  generatedLayerCount: number;
  /** Layer ids in manifest order: the built ones first. */
  layerIds: string[];
  regionCounts: { min: number; max: number; total: number };
  multiMembershipLayerCount: number;
  partialLayerCount: number;
  /** Bytes of all files (manifest, topology, former gemeenten, layers). */
  totalBytes: number;
}

function sha256(text: string | Buffer): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * Write the 50-layer folder to `outDir` (emptied first) from the built data in `sourceDir`
 * (`public/data`) and return what it holds.
 */
export function writeBenchData(sourceDir: string, outDir: string): BenchDataSummary {
  const source = parseManifest(readJson(join(sourceDir, 'manifest.json')), 'manifest.json');
  const geometry = [...source.geometries].sort((a, b) => b.year - a.year)[0];
  if (!geometry) throw new Error(`${sourceDir}/manifest.json lists no geometry`);
  const topology = readJson(join(sourceDir, geometry.file)) as MunicipalityTopology;
  const builtEntries = source.layers.filter((l) => l.geometryId === geometry.id);
  const built = new Map(
    builtEntries.map((entry) => [entry.id, readJson(join(sourceDir, entry.file)) as LayerFile] as const),
  );

  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(join(outDir, 'layers'), { recursive: true });
  let totalBytes = 0;
  const copy = (file: string): string => {
    mkdirSync(dirname(join(outDir, file)), { recursive: true });
    copyFileSync(join(sourceDir, file), join(outDir, file));
    const bytes = readFileSync(join(outDir, file));
    totalBytes += bytes.length;
    return sha256(bytes);
  };
  const geometries = [
    {
      ...geometry,
      sha256: copy(geometry.file),
      ...(geometry.former ? { former: { ...geometry.former, sha256: copy(geometry.former.file) } } : {}),
    },
  ];
  const layers: LayerEntry[] = builtEntries.map((entry) => ({ ...entry, sha256: copy(entry.file) }));

  const graph = gemeenteGraph(topology);
  const generated = new Map<string, Region[]>();
  const regionsOf = (of: string): Region[] => {
    const regions = built.get(of)?.regions ?? generated.get(of);
    if (!regions) throw new Error(`bench data: no layer ${of} to group`);
    return regions;
  };
  RECIPES.forEach(({ key, recipe }, i) => {
    const regions = buildRegions(recipe, graph, regionsOf);
    generated.set(key, regions);
    const file = layerFile(key, recipe, regions, i, (of) => built.get(of)?.meta.name.nl ?? of);
    const path = `layers/${file.meta.id}.json`;
    const text = `${JSON.stringify(file, null, 2)}\n`;
    writeFileSync(join(outDir, path), text);
    totalBytes += Buffer.byteLength(text);
    layers.push({
      id: file.meta.id,
      file: path,
      sha256: sha256(text),
      geometryId: geometry.id,
      regionCount: regions.length,
      coveredCount: new Set(regions.flatMap((r) => r.members)).size,
    });
  });
  const manifest: Manifest = { format: source.format, geometries, layers };
  const manifestText = `${JSON.stringify(manifest, null, 2)}\n`;
  writeFileSync(join(outDir, 'manifest.json'), manifestText);
  totalBytes += Buffer.byteLength(manifestText);

  const counts = layers.map((l) => l.regionCount);
  return {
    folder: outDir,
    layerCount: layers.length,
    builtLayerCount: builtEntries.length,
    generatedLayerCount: RECIPES.length,
    layerIds: layers.map((l) => l.id),
    regionCounts: { min: Math.min(...counts), max: Math.max(...counts), total: counts.reduce((a, b) => a + b, 0) },
    multiMembershipLayerCount: RECIPES.filter((r) => r.recipe.kind === 'overlap').length,
    partialLayerCount:
      RECIPES.filter((r) => r.recipe.kind === 'partial').length +
      [...built.values()].filter((l) => !l.meta.coverage.isComplete).length,
    totalBytes,
  };
}

/**
 * Read the folder back as the app does (the validating parsers, every layer checked against the topology,
 * `buildAtlas`) and check every sha256 of the manifest against its file. Returns the problems, none when
 * the folder is valid.
 */
export function checkBenchData(folder: string, expectedLayerCount: number): string[] {
  const problems: string[] = [];
  try {
    const atlas = decodeAtlas(folder);
    if (atlas.layers.length !== expectedLayerCount)
      problems.push(`${atlas.layers.length} layers decoded, ${expectedLayerCount} expected`);
  } catch (error) {
    problems.push(error instanceof Error ? error.message : String(error));
  }
  const manifest = parseManifest(readJson(join(folder, 'manifest.json')), 'manifest.json');
  const files = [
    ...manifest.geometries.flatMap((g) => [
      { file: g.file, sha256: g.sha256 },
      ...(g.former ? [{ file: g.former.file, sha256: g.former.sha256 }] : []),
    ]),
    ...manifest.layers.map((l) => ({ file: l.file, sha256: l.sha256 })),
  ];
  for (const { file, sha256: expected } of files) {
    if (sha256(readFileSync(join(folder, file))) !== expected) problems.push(`${file}: sha256 does not match`);
  }
  return problems;
}

function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8'));
}

/** The gemeenten (codes, in topology order) and their neighbours by index. */
interface GemeenteGraph {
  codes: string[];
  neighbours: number[][];
}

/**
 * Neighbours: gemeenten that share an arc. A group of gemeenten with no arc to the rest (an island) is
 * joined to the gemeente outside it nearest to its own nearest member, by centroid, until all are connected.
 */
function gemeenteGraph(topology: MunicipalityTopology): GemeenteGraph {
  const topo = topology as unknown as Topology<Objects>;
  const collection = topo.objects[MUNICIPALITIES_OBJECT] as unknown as { geometries: GeometryObject[] };
  const codes = collection.geometries.map((g) => String(g.id));
  const neighbours = neighbors(collection.geometries).map((list) => [...list]);
  const centroids = collection.geometries.map((g) => geoCentroid(feature(topo, g)));
  const distance = (a: number, b: number): number => {
    const [ax, ay] = centroids[a]!;
    const [bx, by] = centroids[b]!;
    const cos = Math.cos(((ay + by) / 2) * (Math.PI / 180));
    return ((ax - bx) * cos) ** 2 + (ay - by) ** 2;
  };
  for (;;) {
    const component = new Int32Array(codes.length).fill(-1);
    let components = 0;
    for (let start = 0; start < codes.length; start++) {
      if (component[start] !== -1) continue;
      const stack = [start];
      component[start] = components;
      while (stack.length > 0) {
        for (const next of neighbours[stack.pop()!]!) {
          if (component[next] === -1) {
            component[next] = components;
            stack.push(next);
          }
        }
      }
      components++;
    }
    if (components === 1) break;
    // Join the smallest component to its nearest gemeente elsewhere.
    const sizes = new Array<number>(components).fill(0);
    for (const c of component) sizes[c]!++;
    const smallest = sizes.indexOf(Math.min(...sizes));
    let best: [number, number, number] = [-1, -1, Infinity];
    for (let a = 0; a < codes.length; a++) {
      if (component[a] !== smallest) continue;
      for (let b = 0; b < codes.length; b++) {
        if (component[b] === smallest) continue;
        const d = distance(a, b);
        if (d < best[2]) best = [a, b, d];
      }
    }
    neighbours[best[0]]!.push(best[1]);
    neighbours[best[1]]!.push(best[0]);
  }
  return { codes, neighbours };
}

/**
 * Grow `count` regions over `neighbours` from seeded start nodes; each step adds one unassigned
 * neighbour to a region: the smallest region that can still grow (`isEven`) or a random one.
 * Returns the region index of every node (all nodes are reached: the graph is connected).
 */
function grow(neighbours: readonly number[][], count: number, seed: number, isEven: boolean): Int32Array {
  const random = seededRandom(seed);
  const n = neighbours.length;
  const regionOf = new Int32Array(n).fill(-1);
  const order = shuffled(n, random);
  const sizes: number[] = [];
  const frontiers: number[][] = [];
  for (let r = 0; r < Math.min(count, n); r++) {
    const start = order[r]!;
    regionOf[start] = r;
    sizes.push(1);
    frontiers.push([...neighbours[start]!]);
  }
  let assigned = sizes.length;
  while (assigned < n) {
    // Drop frontier nodes already taken; pick the region to grow.
    let pick: number;
    const candidates: number[] = [];
    for (let r = 0; r < frontiers.length; r++) {
      frontiers[r] = frontiers[r]!.filter((node) => regionOf[node] === -1);
      if (frontiers[r]!.length > 0) candidates.push(r);
    }
    if (candidates.length === 0) throw new Error('unreachable: the gemeente graph is connected');
    if (isEven) {
      const least = Math.min(...candidates.map((r) => sizes[r]!));
      const smallest = candidates.filter((r) => sizes[r] === least);
      pick = smallest[Math.floor(random() * smallest.length)]!;
    } else pick = candidates[Math.floor(random() * candidates.length)]!;
    const frontier = frontiers[pick]!;
    const node = frontier.splice(Math.floor(random() * frontier.length), 1)[0]!;
    regionOf[node] = pick;
    sizes[pick]!++;
    assigned++;
    for (const next of neighbours[node]!) if (regionOf[next] === -1) frontier.push(next);
  }
  return regionOf;
}

function buildRegions(recipe: Recipe, graph: GemeenteGraph, regionsOf: (of: string) => Region[]): Region[] {
  const { codes, neighbours } = graph;
  switch (recipe.kind) {
    case 'grow':
      return regionsFromGroups(groupsOf(grow(neighbours, recipe.count, recipe.seed, recipe.isEven), codes));
    case 'single':
      return regionsFromGroups(codes.map((code) => [code]));
    case 'copy':
      return regionsFromGroups(regionsOf(recipe.of).map((r) => r.members));
    case 'partial': {
      const random = seededRandom(recipe.seed + 1);
      const groups = groupsOf(grow(neighbours, recipe.count, recipe.seed, true), codes);
      const kept = groups.filter(() => random() < recipe.share);
      return regionsFromGroups(kept.length > 0 ? kept : groups.slice(0, 1));
    }
    case 'group': {
      // The regions of the finer layer are the nodes; two are neighbours when any of their members are.
      const fine = regionsOf(recipe.of);
      const index = new Map(codes.map((code, i) => [code, i] as const));
      const regionOfNode = new Int32Array(codes.length).fill(-1);
      fine.forEach((r, i) => r.members.forEach((code) => (regionOfNode[index.get(code)!] = i)));
      const fineNeighbours = fine.map(() => new Set<number>());
      neighbours.forEach((list, a) => {
        for (const b of list) {
          const [ra, rb] = [regionOfNode[a]!, regionOfNode[b]!];
          if (ra >= 0 && rb >= 0 && ra !== rb) fineNeighbours[ra]!.add(rb);
        }
      });
      const groupOf = grow(
        fineNeighbours.map((s) => [...s].sort((x, y) => x - y)),
        recipe.count,
        recipe.seed,
        true,
      );
      const groups: string[][] = Array.from({ length: recipe.count }, () => []);
      fine.forEach((r, i) => groups[groupOf[i]!]!.push(...r.members));
      return regionsFromGroups(groups.filter((g) => g.length > 0));
    }
    case 'overlap': {
      const regionOf = grow(neighbours, recipe.count, recipe.seed, true);
      const groups = groupsOf(regionOf, codes);
      const extra: Set<string>[] = groups.map(() => new Set());
      neighbours.forEach((list, a) => {
        // A gemeente on the border also joins its lowest-numbered neighbouring region.
        const other = list.map((b) => regionOf[b]!).filter((r) => r !== regionOf[a]);
        if (other.length > 0) extra[Math.min(...other)]!.add(codes[a]!);
      });
      return regionsFromGroups(groups.map((g, i) => [...new Set([...g, ...extra[i]!])]));
    }
  }
}

function groupsOf(regionOf: Int32Array, codes: readonly string[]): string[][] {
  const groups: string[][] = [];
  regionOf.forEach((r, i) => (groups[r] ??= []).push(codes[i]!));
  return groups.filter((g) => g !== undefined && g.length > 0);
}

/** Regions with codes R001… in the order of their smallest member code, members sorted. */
function regionsFromGroups(groups: readonly string[][]): Region[] {
  const sorted = groups.map((g) => [...g].sort(compareCodes)).sort((a, b) => compareCodes(a[0]!, b[0]!));
  return sorted.map((members, i) => ({
    code: `R${String(i + 1).padStart(3, '0')}`,
    name: `Regio ${i + 1}`,
    members,
  }));
}

function layerFile(
  key: string,
  recipe: Recipe,
  regions: Region[],
  index: number,
  builtName: (id: string) => string,
): LayerFile {
  const kind = `bench-${key}`;
  const [nl, en] = describe(recipe, builtName);
  const dash = DASHES[index % DASHES.length];
  return {
    format: LAYER_FORMAT,
    meta: {
      id: `${kind}-${YEAR}`,
      kind,
      year: YEAR,
      geometryId: 'gemeenten-2025',
      domain: DOMAINS[index % DOMAINS.length]!,
      name: { nl: `Bench ${index + 1}: ${nl}`, en: `Bench ${index + 1}: ${en}` },
      regionNoun: { nl: 'regio', en: 'region' },
      description: {
        nl: 'Gegenereerd voor de benchmark (issue 9): geen echte indeling.',
        en: 'Generated for the benchmark (issue 9): not a real layout.',
      },
      source: SOURCE,
      coverage: { isComplete: recipe.kind !== 'partial', allowsMultiMembership: recipe.kind === 'overlap' },
      color: PALETTE[index % PALETTE.length]!,
      ...(dash ? { dash } : {}),
      isDefaultVisible: false,
    },
    regions,
  };
}

function describe(recipe: Recipe, builtName: (id: string) => string): [string, string] {
  switch (recipe.kind) {
    case 'grow':
      return [`${recipe.count} gegroeide regio's`, `${recipe.count} grown regions`];
    case 'group':
      return [
        `${builtName(recipe.of)} in ${recipe.count} groepen`,
        `${builtName(recipe.of)} in ${recipe.count} groups`,
      ];
    case 'partial':
      return [`deel van ${recipe.count} regio's`, `part of ${recipe.count} regions`];
    case 'single':
      return ['elke gemeente apart', 'every gemeente on its own'];
    case 'copy':
      return [`kopie van ${builtName(recipe.of)}`, `copy of ${builtName(recipe.of)}`];
    case 'overlap':
      return [`${recipe.count} overlappende regio's`, `${recipe.count} overlapping regions`];
  }
}

function shuffled(n: number, random: () => number): number[] {
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
}
