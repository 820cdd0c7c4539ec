/**
 * The bench's scale case (issue 9): a generated gemeente topology of about 14,000 units with up to 50
 * generated layers, to see how the statistics and the map geometry grow with the data (the real data has
 * 342 gemeenten and 11 layers).
 *
 * The units are the cells of a grid of squares in longitude and latitude over the Netherlands' bounding
 * box, written as a quantized TopoJSON topology with shared arcs exactly as `topojson-server` would cut
 * them: every cell side is one arc (each grid vertex is a junction of three or four sides), shared by the
 * two cells it separates. Rings run clockwise, like the app's data.
 *
 * The layers are a mix of what real layouts look like to the statistics:
 * - nested chains of aligned blocks (2×2, 4×4, 8×8 … cells): each coarser layer is made of whole regions
 *   of the finer one;
 * - blocks of other sizes and offsets that cut across those;
 * - irregular regions (each cell joins the nearest of K seeded points) and coarser layers made of whole
 *   irregular regions (each irregular region joins the nearest of fewer seeded points);
 * - one partial layer (half of the country has no data), like the CJG layer.
 * Everything is seeded, so every run builds the same topology and layers.
 */
import type { GeometryEntry, LayerFile, MunicipalityTopology, Region } from '../../src/lib/types';
import { MUNICIPALITIES_OBJECT } from '../../src/lib/types';
import { seededRandom } from '../fixtures/random';

/** Grid size: 112 × 125 = 14,000 cells. */
export const SCALE_COLUMNS = 112;
export const SCALE_ROWS = 125;

/** The Netherlands' bounding box (lon/lat), so lengths and areas are of a realistic size. */
const WEST = 3.36;
const SOUTH = 50.76;
const CELL_LON = (7.22 - WEST) / SCALE_COLUMNS;
const CELL_LAT = (53.55 - SOUTH) / SCALE_ROWS;
/** Turf's Earth radius (m), for the cells' geodesic area. */
const EARTH_RADIUS_M = 6371008.8;
const YEAR = 2025;
const GEOMETRY_ID = 'grid-2025';

/** How one generated layer assigns cells to regions. */
export type LayerRecipe =
  | { kind: 'block'; width: number; height: number; offsetX: number; offsetY: number }
  | { kind: 'voronoi'; seedCount: number; seed: number }
  | { kind: 'voronoi-group'; seedCount: number; seed: number; groupCount: number; groupSeed: number }
  | { kind: 'partial'; width: number; height: number };

/**
 * The layers in the order the scale case takes them: the first 11 are already a mix of nested chains,
 * cross-cutting blocks, irregular regions, a grouping of irregular regions and a partial layer; the next
 * 39 add more of each.
 */
export const LAYER_RECIPES: readonly LayerRecipe[] = [
  block(4, 4),
  block(8, 8),
  block(16, 16),
  block(5, 7, 2, 3),
  block(10, 10, 5, 5),
  { kind: 'voronoi', seedCount: 400, seed: 1 },
  { kind: 'voronoi-group', seedCount: 400, seed: 1, groupCount: 40, groupSeed: 2 },
  { kind: 'voronoi', seedCount: 25, seed: 3 },
  block(32, 32),
  block(13, 9, 6, 1),
  { kind: 'partial', width: 6, height: 6 },
  // Beyond the first 11.
  block(2, 2),
  block(64, 64),
  block(3, 3),
  block(6, 6),
  block(12, 12),
  block(24, 24),
  block(48, 48),
  block(5, 5),
  block(20, 20),
  block(40, 40),
  block(7, 7, 3, 3),
  block(9, 9, 4, 0),
  block(11, 11, 0, 5),
  block(14, 6, 7, 2),
  block(6, 14, 1, 9),
  block(17, 17, 8, 8),
  block(25, 15, 12, 4),
  block(30, 30, 15, 15),
  block(SCALE_COLUMNS, 10, 0, 0),
  block(10, SCALE_ROWS, 0, 0),
  block(56, 42, 28, 21),
  { kind: 'voronoi', seedCount: 1500, seed: 4 },
  { kind: 'voronoi-group', seedCount: 1500, seed: 4, groupCount: 300, groupSeed: 5 },
  { kind: 'voronoi-group', seedCount: 1500, seed: 4, groupCount: 60, groupSeed: 6 },
  { kind: 'voronoi', seedCount: 800, seed: 7 },
  { kind: 'voronoi-group', seedCount: 800, seed: 7, groupCount: 120, groupSeed: 8 },
  { kind: 'voronoi', seedCount: 200, seed: 9 },
  { kind: 'voronoi-group', seedCount: 200, seed: 9, groupCount: 30, groupSeed: 10 },
  { kind: 'voronoi', seedCount: 100, seed: 11 },
  { kind: 'voronoi-group', seedCount: 100, seed: 11, groupCount: 12, groupSeed: 12 },
  { kind: 'voronoi', seedCount: 50, seed: 13 },
  { kind: 'voronoi', seedCount: 12, seed: 14 },
  { kind: 'voronoi-group', seedCount: 400, seed: 1, groupCount: 100, groupSeed: 15 },
  { kind: 'voronoi-group', seedCount: 400, seed: 1, groupCount: 15, groupSeed: 16 },
  { kind: 'voronoi', seedCount: 3000, seed: 17 },
  { kind: 'voronoi-group', seedCount: 3000, seed: 17, groupCount: 500, groupSeed: 18 },
  { kind: 'partial', width: 12, height: 12 },
  { kind: 'partial', width: 3, height: 5 },
  block(50, 25, 10, 0),
];

function block(width: number, height: number, offsetX = 0, offsetY = 0): LayerRecipe {
  return { kind: 'block', width, height, offsetX, offsetY };
}

/** The generated input of the scale case, as the app would read it from files. */
export interface ScaleInput {
  geometry: GeometryEntry;
  topology: MunicipalityTopology;
  layers: LayerFile[];
  unitCount: number;
  arcCount: number;
}

/** Code of cell (column x, row y), rows counted from the south: `GM00001` … `GM14000`. */
function cellCode(x: number, y: number): string {
  return `GM${String(y * SCALE_COLUMNS + x + 1).padStart(5, '0')}`;
}

/**
 * Build the grid topology and the first `layerCount` layers of `LAYER_RECIPES`.
 * Throws when more layers are asked for than there are recipes.
 */
export function buildScaleInput(layerCount: number): ScaleInput {
  if (layerCount > LAYER_RECIPES.length) throw new Error(`only ${LAYER_RECIPES.length} scale layers are defined`);
  const topology = buildGridTopology();
  const layers = LAYER_RECIPES.slice(0, layerCount).map((recipe, i) => buildLayer(recipe, i));
  return {
    geometry: {
      id: GEOMETRY_ID,
      year: YEAR,
      file: 'grid-2025.topo.json',
      sha256: '0'.repeat(64),
      municipalityCount: SCALE_COLUMNS * SCALE_ROWS,
      source: { citation: 'generated by test/bench/scale-topology.ts', licence: 'CC0', referenceDate: '2025-01-01' },
      inhabitantsDate: '2024-01-01',
      inhabitantsSource: 'generated',
    },
    topology,
    layers,
    unitCount: SCALE_COLUMNS * SCALE_ROWS,
    arcCount: topology.arcs.length,
  };
}

/**
 * The grid as a quantized topology (one quantized unit per cell side). Arc numbering: the horizontal
 * sides first (row of vertices y, column x: from (x, y) to (x + 1, y)), then the vertical sides (from
 * (x, y) to (x, y + 1)). Each arc is written delta-encoded, as TopoJSON stores quantized arcs.
 */
function buildGridTopology(): MunicipalityTopology {
  const C = SCALE_COLUMNS;
  const R = SCALE_ROWS;
  const arcs: [number, number][][] = [];
  for (let y = 0; y <= R; y++)
    for (let x = 0; x < C; x++)
      arcs.push([
        [x, y],
        [1, 0],
      ]);
  const verticalBase = arcs.length;
  for (let y = 0; y < R; y++)
    for (let x = 0; x <= C; x++)
      arcs.push([
        [x, y],
        [0, 1],
      ]);
  const horizontal = (x: number, y: number): number => y * C + x;
  const vertical = (x: number, y: number): number => verticalBase + y * (C + 1) + x;
  const random = seededRandom(42);
  const geometries = [];
  for (let y = 0; y < R; y++) {
    for (let x = 0; x < C; x++) {
      // Clockwise: up the west side, east along the north side, down the east side, west along the south side.
      const ring = [vertical(x, y), horizontal(x, y + 1), ~vertical(x + 1, y), ~horizontal(x, y)];
      const inhabitants = random() < 0.01 ? null : Math.round(500 + random() * 20_000);
      geometries.push({
        type: 'Polygon' as const,
        id: cellCode(x, y),
        properties: { name: `Cel ${x + 1},${y + 1}`, areaKm2: cellAreaKm2(y), inhabitants },
        arcs: [ring],
      });
    }
  }
  return {
    type: 'Topology',
    transform: { scale: [CELL_LON, CELL_LAT], translate: [WEST, SOUTH] },
    objects: { [MUNICIPALITIES_OBJECT]: { type: 'GeometryCollection', geometries } },
    arcs,
  } as MunicipalityTopology;
}

/** Geodesic area of a cell in row `y` on Turf's sphere: R²·Δλ·(sin φ₂ − sin φ₁), km². */
function cellAreaKm2(y: number): number {
  const toRad = Math.PI / 180;
  const south = (SOUTH + y * CELL_LAT) * toRad;
  const north = (SOUTH + (y + 1) * CELL_LAT) * toRad;
  return (EARTH_RADIUS_M ** 2 * CELL_LON * toRad * (Math.sin(north) - Math.sin(south))) / 1e6;
}

function buildLayer(recipe: LayerRecipe, index: number): LayerFile {
  const regionOf = assignCells(recipe);
  const members = new Map<number, string[]>();
  for (let y = 0; y < SCALE_ROWS; y++) {
    for (let x = 0; x < SCALE_COLUMNS; x++) {
      const region = regionOf(x, y);
      if (region < 0) continue;
      const list = members.get(region);
      if (list) list.push(cellCode(x, y));
      else members.set(region, [cellCode(x, y)]);
    }
  }
  const kind = `scale${String(index + 1).padStart(2, '0')}`;
  const regions: Region[] = [...members.keys()]
    .sort((a, b) => a - b)
    .map((key, i) => ({
      code: `R${String(i + 1).padStart(5, '0')}`,
      name: `${kind} regio ${i + 1}`,
      // Codes are zero-padded, so code-unit order is numeric order (the parsers sort them the same way).
      members: members.get(key)!.sort(),
    }));
  return {
    format: 'samenwerkingsatlas/layer@1',
    meta: {
      id: `${kind}-${YEAR}`,
      kind,
      year: YEAR,
      geometryId: GEOMETRY_ID,
      domain: 'eigen',
      name: {
        nl: `Schaal ${index + 1} (${describeRecipe(recipe)})`,
        en: `Scale ${index + 1} (${describeRecipe(recipe)})`,
      },
      regionNoun: { nl: 'regio', en: 'region' },
      description: { nl: 'Gegenereerd voor de benchmark.', en: 'Generated for the benchmark.' },
      source: { citation: 'generated by test/bench/scale-topology.ts', licence: 'CC0', referenceDate: '2025-01-01' },
      coverage: { isComplete: recipe.kind !== 'partial', allowsMultiMembership: false },
      color: '#0072B2',
      isDefaultVisible: true,
    },
    regions,
  };
}

/** A short description of a recipe for the report. */
export function describeRecipe(recipe: LayerRecipe): string {
  switch (recipe.kind) {
    case 'block':
      return `blocks ${recipe.width}×${recipe.height} at +${recipe.offsetX},+${recipe.offsetY}`;
    case 'voronoi':
      return `nearest of ${recipe.seedCount} points`;
    case 'voronoi-group':
      return `${recipe.groupCount} groups of the ${recipe.seedCount}-point regions`;
    case 'partial':
      return `blocks ${recipe.width}×${recipe.height}, southern half only`;
  }
}

/** Region key of cell (x, y), or -1 for no region. */
function assignCells(recipe: LayerRecipe): (x: number, y: number) => number {
  switch (recipe.kind) {
    case 'block': {
      const { width, height, offsetX, offsetY } = recipe;
      const across = Math.ceil((SCALE_COLUMNS + offsetX) / width) + 1;
      return (x, y) => Math.floor((y + offsetY) / height) * across + Math.floor((x + offsetX) / width);
    }
    case 'partial': {
      const across = Math.ceil(SCALE_COLUMNS / recipe.width) + 1;
      return (x, y) =>
        y >= SCALE_ROWS / 2 ? -1 : Math.floor(y / recipe.height) * across + Math.floor(x / recipe.width);
    }
    case 'voronoi': {
      const nearest = nearestSeed(seedPoints(recipe.seedCount, recipe.seed));
      const cells = Int32Array.from({ length: SCALE_COLUMNS * SCALE_ROWS }, (_, i) =>
        nearest((i % SCALE_COLUMNS) + 0.5, Math.floor(i / SCALE_COLUMNS) + 0.5),
      );
      return (x, y) => cells[y * SCALE_COLUMNS + x]!;
    }
    case 'voronoi-group': {
      // Each fine region joins the group nearest to the fine region's seed point: whole regions, so nested.
      const fine = seedPoints(recipe.seedCount, recipe.seed);
      const nearestFine = nearestSeed(fine);
      const nearestGroup = nearestSeed(seedPoints(recipe.groupCount, recipe.groupSeed));
      const groupOf = Int32Array.from({ length: recipe.seedCount }, (_, i) => nearestGroup(fine[i]![0], fine[i]![1]));
      return (x, y) => groupOf[nearestFine(x + 0.5, y + 0.5)]!;
    }
  }
}

function seedPoints(count: number, seed: number): [number, number][] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, () => [random() * SCALE_COLUMNS, random() * SCALE_ROWS] as [number, number]);
}

/**
 * The index of the seed point nearest to (x, y), in grid units. A bucket grid over the points keeps it
 * fast enough for 14,000 cells and 3,000 points; searching rings of buckets until no nearer point can
 * lie further out keeps it exact.
 */
function nearestSeed(points: readonly [number, number][]): (x: number, y: number) => number {
  const size = Math.max(1, Math.sqrt((SCALE_COLUMNS * SCALE_ROWS) / points.length));
  const across = Math.ceil(SCALE_COLUMNS / size) + 1;
  const down = Math.ceil(SCALE_ROWS / size) + 1;
  const buckets: number[][] = Array.from({ length: across * down }, () => []);
  points.forEach(([px, py], i) => buckets[Math.floor(py / size) * across + Math.floor(px / size)]!.push(i));
  return (x, y) => {
    const bx = Math.floor(x / size);
    const by = Math.floor(y / size);
    let best = -1;
    let bestDistance = Infinity;
    for (let ring = 0; ring <= Math.max(across, down); ring++) {
      // Every point in ring r+1 or further is at least r·size away.
      if (best >= 0 && (ring - 1) * size > Math.sqrt(bestDistance)) break;
      for (let j = by - ring; j <= by + ring; j++) {
        for (let i = bx - ring; i <= bx + ring; i++) {
          if (Math.max(Math.abs(i - bx), Math.abs(j - by)) !== ring) continue;
          if (i < 0 || j < 0 || i >= across || j >= down) continue;
          for (const p of buckets[j * across + i]!) {
            const [px, py] = points[p]!;
            const distance = (px - x) ** 2 + (py - y) ** 2;
            if (distance < bestDistance || (distance === bestDistance && p < best)) {
              best = p;
              bestDistance = distance;
            }
          }
        }
      }
    }
    return best;
  };
}
