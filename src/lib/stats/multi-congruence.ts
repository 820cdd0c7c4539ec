/**
 * Congruence across many layouts (issue 11): per gemeente, how far it works with the same neighbouring gemeenten
 * in every chosen layout — RegioAtlas's "vaak samenwerkt met dezelfde buurgemeenten". Pure.
 *
 * For gemeente g and k ≥ 2 chosen layouts with partner sets P₁…Pₖ (partners as in congruence.ts: the other
 * gemeenten in its region, with multi-membership in any of its regions), take every gemeente that is its partner
 * in at least one layout (the union U = P₁ ∪ … ∪ Pₖ) and average the share of the layouts in which it is a partner:
 *
 *   score(g) = (|P₁| + … + |Pₖ|) / (k · |U|),   1 when U is empty (alone in every layout).
 *
 * The score is 1 exactly when every layout gives g the same partners, and at least 1/k otherwise (each partner in
 * U is one in at least one layout), so with many layouts low scores are possible, with two never below ½.
 * For two layouts it is not the Jaccard index J = |P₁ ∩ P₂| / |P₁ ∪ P₂| but (1 + J) / 2, since
 * |P₁| + |P₂| = |P₁ ∪ P₂| + |P₁ ∩ P₂|: Jaccard 0 (disjoint partners) is a score of ½, Jaccard 1 a score of 1.
 *
 * Coverage, as in congruence.ts: the scores rest on the gemeenten every chosen layer covers, and partners are
 * counted among them only, so a layer's gap in coverage is not read as a different partner; the gemeenten left
 * out are listed with the layers that lack them (`leftOut`). Gemeenten in the same block of the common
 * refinement (blocks.ts) have the same partner sets in every layout, so the same score: the union is counted
 * once per block, in O(Σ sizes of its regions).
 */
import type { Atlas, AtlasLayer } from '../data/atlas';
import { DataError } from '../errors';
import { hasBit } from '../model/bitset';
import type { LayerModel } from '../model/layer-model';
import type { LayerId, MunicipalityCode } from '../types';
import { MeansAccumulator } from './means';
import { layerSetOf, refinementBlocks, type LayerSetCoverage } from './blocks';

/**
 * Below this many gemeenten (those every chosen layer covers) a national figure says little: the panel says so.
 * About a tenth of the country's 342 gemeenten, and fewer than most layouts have regions' worth of partners.
 */
export const FEW_MUNICIPALITIES = 30;

/** One gemeente's congruence across the chosen layouts. */
export interface MunicipalityMultiCongruence {
  code: MunicipalityCode;
  /** Σ partnerCounts / (k · partnerUnionCount), in [1/k, 1]; 1 when partnerUnionCount is 0. */
  score: number;
  /** Gemeenten that are its partner in at least one chosen layout. */
  partnerUnionCount: number;
  /** Its number of partners per chosen layer, in the order of `layerIds`. */
  partnerCounts: number[];
}

/**
 * A bin of the distribution of scores, in per cent: [fromPct, toPct), except the last bin, which holds the
 * scores of exactly 100 % (fromPct = toPct = 100): the gemeenten whose partners are the same in every layout.
 */
export interface CongruenceBin {
  fromPct: number;
  toPct: number;
  /** Gemeenten with a score in the bin. */
  count: number;
}

/** Congruence across a set of layouts: per gemeente, its means and distribution. */
export interface MultiCongruence extends LayerSetCoverage {
  /** Every gemeente all chosen layers cover, sorted by code. */
  perMunicipality: MunicipalityMultiCongruence[];
  /** The same gemeenten from least to most congruent; equal scores by name (Dutch collation), then code. */
  ranking: MunicipalityCode[];
  /** Plain mean of the scores; null when no gemeente is covered by every layer. */
  mean: number | null;
  /** Mean weighted by area (km²); null when no gemeente is covered by every layer. */
  meanByArea: number | null;
  /** Mean weighted by inhabitants, over gemeenten with known inhabitants; null when none is known. */
  meanByInhabitants: number | null;
  /** Gemeenten of `perMunicipality` with unknown inhabitants, left out of `meanByInhabitants`. */
  unknownInhabitantsCount: number;
  /** Eleven bins: [0, 10), [10, 20), …, [90, 100) per cent, then exactly 100 %. */
  distribution: CongruenceBin[];
}

/** Bins of 10 percentage points below 100, and one for exactly 100 %. */
const BIN_COUNT = 11;

// Dutch collation, digits as numbers, as the pair view's list of mismatches (mismatches.ts).
const collator = new Intl.Collator('nl', { numeric: true });

/**
 * Counts the partners of gemeenten among a set of gemeenten (the common ones), with stamps instead of sets:
 * a gemeente number is counted once per count while its stamp equals the count's token.
 */
class PartnerCounter {
  private readonly stamps: Int32Array;
  private token = 0;

  constructor(
    private readonly common: Uint32Array,
    itemCount: number,
  ) {
    this.stamps = new Int32Array(itemCount).fill(-1);
  }

  /** Start a new count: every gemeente counts again. */
  start(): void {
    this.token++;
  }

  /**
   * Count the common members of `regions` (region numbers of `model`) not counted since `start`, calling
   * `onNew` for each. Returns how many were new.
   */
  add(model: LayerModel, regions: readonly number[], onNew?: (n: number) => void): number {
    let added = 0;
    for (const r of regions) {
      for (const m of model.members[r]!) {
        if (this.stamps[m] === this.token || !hasBit(this.common, m)) continue;
        this.stamps[m] = this.token;
        added++;
        onNew?.(m);
      }
    }
    return added;
  }
}

/** The bin of a score Σ / (k·u) from its integer parts (exact, so 30 % is in [30, 40) and not in [20, 30)). */
function binOf(partnerSum: number, layerCount: number, unionCount: number): number {
  const denominator = layerCount * unionCount;
  if (unionCount === 0 || partnerSum === denominator) return BIN_COUNT - 1;
  // A quotient of integers is correctly rounded, so an exact multiple of 10 % is not floored to the bin below.
  return Math.floor((10 * partnerSum) / denominator);
}

/**
 * Congruence of the gemeenten across `layers` (see the module comment for the definition).
 * Throws DataError for fewer than two layers or a layer given twice.
 * @example
 * // Grid rows, columns and the L/block layout: GM0007's partners are {8, 9} (row), {1, 4} (column) and
 * // {1, 4, 8, 9} (Hoek): 2 + 2 + 4 = 8 over 3 layouts × 4 partners in the union = 2/3.
 * computeMultiCongruence(grid, [rows, columns, ell]).perMunicipality[6]
 * // { code: 'GM0007', score: 0.666…, partnerUnionCount: 4, partnerCounts: [2, 2, 4] }
 */
export function computeMultiCongruence(atlas: Atlas, layers: readonly AtlasLayer[]): MultiCongruence {
  const set = layerSetOf(atlas, layers);
  const { models, common, coverage } = set;
  const table = atlas.index;
  const layerCount = models.length;
  const { blockOf, blockCount } = refinementBlocks(set);
  const counter = new PartnerCounter(common, table.codes.length);
  // Per layer and region set (setKey): its common members minus one, counted on first need.
  const partnerCountCache = models.map(() => new Map<number, number>());
  // Per block: the partner counts of its gemeenten (the same for all of them), counted at its first gemeente.
  const blockCounts: (number[] | undefined)[] = new Array<number[] | undefined>(blockCount);
  const blockUnion = new Int32Array(blockCount);

  const perMunicipality: MunicipalityMultiCongruence[] = [];
  const bins = new Array<number>(BIN_COUNT).fill(0);
  const means = new MeansAccumulator(table);
  for (let n = 0; n < table.codes.length; n++) {
    const block = blockOf[n]!;
    if (block < 0) continue;
    let partnerCounts = blockCounts[block];
    if (!partnerCounts) {
      partnerCounts = models.map((model, j) => {
        const key = model.setKey[n]!;
        let count = partnerCountCache[j]!.get(key);
        if (count === undefined) {
          counter.start();
          count = counter.add(model, model.regionsOf[n]!) - 1; // the gemeente itself is one of the members
          partnerCountCache[j]!.set(key, count);
        }
        return count;
      });
      counter.start();
      let union = 0;
      for (const model of models) union += counter.add(model, model.regionsOf[n]!);
      blockCounts[block] = partnerCounts;
      blockUnion[block] = union - 1;
    }
    const partnerUnionCount = blockUnion[block]!;
    const partnerSum = partnerCounts.reduce((total, count) => total + count, 0);
    const score = partnerUnionCount === 0 ? 1 : partnerSum / (layerCount * partnerUnionCount);
    perMunicipality.push({ code: table.codes[n]!, score, partnerUnionCount, partnerCounts: [...partnerCounts] });
    bins[binOf(partnerSum, layerCount, partnerUnionCount)]!++;

    means.add(n, score);
  }

  const nameOf = (code: MunicipalityCode): string => atlas.municipalitiesByCode.get(code)?.name ?? code;
  const ranking = [...perMunicipality]
    .sort(
      (x, y) =>
        x.score - y.score ||
        collator.compare(nameOf(x.code), nameOf(y.code)) ||
        (x.code < y.code ? -1 : x.code > y.code ? 1 : 0),
    )
    .map((m) => m.code);
  return {
    ...coverage,
    perMunicipality,
    ranking,
    ...means.means(),
    distribution: bins.map((binCount, i) => ({
      fromPct: i * 10,
      toPct: i === BIN_COUNT - 1 ? 100 : (i + 1) * 10,
      count: binCount,
    })),
  };
}

/** A gemeente's partners in one chosen layer. */
export interface LayerPartners {
  layerId: LayerId;
  /** Whether the layer gives the gemeente a region. */
  isCovered: boolean;
  /** Its partners there among the gemeenten every chosen layer covers, sorted by code (empty when not covered). */
  partnerCodes: MunicipalityCode[];
}

/** A partner of a gemeente in at least one chosen layout, with in how many. */
export interface PartnerLayerCount {
  code: MunicipalityCode;
  /** Chosen layers in which it is a partner, 1…k. */
  layerCount: number;
}

/** One gemeente's partners across the chosen layouts, for the "click a gemeente" panel. */
export interface MunicipalityPartners {
  code: MunicipalityCode;
  /** Whether every chosen layer covers it, so that it has a score (else see `LayerPartners.isCovered`). */
  isCompared: boolean;
  /** Its score as in `computeMultiCongruence`; null when not every chosen layer covers it. */
  score: number | null;
  /** Per chosen layer, in the given order. */
  layers: LayerPartners[];
  /** The union of its partners: most layers first, then by code. */
  partners: PartnerLayerCount[];
}

/**
 * The partners of gemeente `code` in each of `layers` and, per partner, in how many of the layers it is one;
 * partners are counted among the gemeenten every layer covers, as in `computeMultiCongruence`.
 * Throws DataError for fewer than two layers, a layer given twice, or a code that is not a gemeente of the atlas.
 * @example
 * partnersPerLayer(grid, [rows, columns, ell], 'GM0007').partners
 * // [{ code: 'GM0001', layerCount: 2 }, { code: 'GM0004', layerCount: 2 }, { code: 'GM0008', layerCount: 2 },
 * //  { code: 'GM0009', layerCount: 2 }]
 */
export function partnersPerLayer(
  atlas: Atlas,
  layers: readonly AtlasLayer[],
  code: MunicipalityCode,
): MunicipalityPartners {
  const { models, common, coverage } = layerSetOf(atlas, layers);
  const table = atlas.index;
  const n = table.numberOf.get(code);
  if (n === undefined) throw new DataError(`Unknown gemeente code ${code} (geometry ${atlas.geometry.id})`);
  const counter = new PartnerCounter(common, table.codes.length);
  const layerCounts = new Map<number, number>();
  const perLayer = models.map((model, j): LayerPartners => {
    const found: number[] = [];
    counter.start();
    counter.add(model, model.regionsOf[n]!, (m) => {
      if (m !== n) found.push(m);
    });
    found.sort((x, y) => x - y);
    for (const m of found) layerCounts.set(m, (layerCounts.get(m) ?? 0) + 1);
    return {
      layerId: coverage.layerIds[j]!,
      isCovered: model.firstRegion[n]! >= 0,
      partnerCodes: found.map((m) => table.codes[m]!),
    };
  });
  const isCompared = hasBit(common, n);
  const partnerSum = perLayer.reduce((total, l) => total + l.partnerCodes.length, 0);
  const score = !isCompared ? null : layerCounts.size === 0 ? 1 : partnerSum / (models.length * layerCounts.size);
  const partners = [...layerCounts]
    .sort(([x, cx], [y, cy]) => cy - cx || x - y)
    .map(([m, layerCount]) => ({ code: table.codes[m]!, layerCount }));
  return { code, isCompared, score, layers: perLayer, partners };
}
