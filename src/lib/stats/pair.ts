/**
 * Comparing two layers: one entry point that gathers every overlap statistic of issue #3, and the
 * headline metrics the layer matrix shows. Pure and set-based (see `geometric.ts` for the Turf path).
 *
 * Ground sets: congruence, partition agreement and border coincidence are computed over the
 * gemeenten both layers cover (`coverage` says how many were left out); the crosswalk, nestedness
 * and identical regions compare whole regions (a member outside the other layer's coverage lies in
 * none of its regions). With multi-membership, a gemeente's partners are the members of all its
 * regions and its border key is its region set; partition agreement is then not defined.
 * Inhabitant-weighted figures use the gemeenten with known inhabitants only and say how many were unknown.
 */
import type { Atlas, AtlasLayer } from '../data/atlas';
import { DataError } from '../errors';
import type { LayerId, LocalizedText } from '../types';
import { computeBorderCoincidence, type BorderCoincidence } from './borders';
import { computeCongruence, type Congruence } from './congruence';
import { layerModel } from '../model/layer-model';
import { commonCoverage, type CommonCoverage, type Weight } from './sets';
import { summarizeNestedness, type Nestedness } from './nestedness';
import { computePartitionAgreement, type PartitionAgreement } from './partition';
import { computeCrosswalk, type Crosswalk } from './region-pairs';

/** What a comparison says about each layer. */
export interface LayerRef {
  id: LayerId;
  name: LocalizedText;
  regionNoun: LocalizedText;
  regionCount: number;
  /** Gemeenten in at least one region. */
  coveredCount: number;
}

/** Options of `compareLayers`. */
export interface CompareOptions {
  /** The weight that chooses each region's best match (default 'count'); every other figure is given for all weights. */
  weight?: Weight;
}

/** Everything issue #3 asks about two layers A and B. Plain data: `JSON.stringify` prints all of it. */
export interface LayerComparison {
  a: LayerRef;
  b: LayerRef;
  /** The weight of the best matches. */
  weight: Weight;
  /** Gemeenten both layers cover, and those left out. */
  coverage: CommonCoverage;
  /** Per common gemeente, and the means (symmetric). */
  congruence: Congruence;
  /** Region pairs, best matches and the gemeenten that break them. */
  crosswalk: Crosswalk;
  /** A's regions inside one B region, and the other way round. */
  nestedness: { aInB: Nestedness; bInA: Nestedness };
  /**
   * Regions with an identical counterpart in the other layer: `count` pairs of identical regions;
   * `share` = (identical regions of A + identical regions of B) / (regions of A + regions of B), in [0, 1]
   * (symmetric; 2·count / (nA + nB) when no layer repeats a member set); null when neither has regions.
   */
  identical: { count: number; share: number | null };
  /** ARI, NMI and VI over the common gemeenten, or why they are not defined (symmetric). */
  partition: PartitionAgreement;
  /** Share of A's border length that is also B's border, and the other way round. */
  borders: { aInB: BorderCoincidence; bInA: BorderCoincidence };
}

/**
 * The layer of `atlas` with id `id`. Throws DataError naming the known ids when there is none.
 * @example findLayer(atlas, 'jeugdregio-2025').regions.length // 42
 */
export function findLayer(atlas: Atlas, id: LayerId): AtlasLayer {
  const layer = atlas.layersById.get(id);
  if (!layer) {
    throw new DataError(`Unknown layer id '${id}'. Known ids: ${atlas.layers.map((l) => l.meta.id).join(', ')}`);
  }
  return layer;
}

/**
 * Compare layer `idA` with layer `idB` of the atlas: every statistic at once, each index built once.
 * Throws DataError for an unknown layer id.
 * @example
 * const cmp = compareLayers(grid, 'rows-2025', 'columns-2025');
 * cmp.congruence.mean // 0: no gemeente keeps a partner
 * cmp.partition.isDefined && cmp.partition.ari // -1/3
 */
export function compareLayers(atlas: Atlas, idA: LayerId, idB: LayerId, options: CompareOptions = {}): LayerComparison {
  const layerA = findLayer(atlas, idA);
  const layerB = findLayer(atlas, idB);
  const weight = options.weight ?? 'count';
  const crosswalk = computeCrosswalk(atlas, layerA, layerB, weight);
  const aInB = summarizeNestedness(atlas, layerA, crosswalk.fromA);
  const bInA = summarizeNestedness(atlas, layerB, crosswalk.fromB);
  const regionCount = aInB.regionCount + bInA.regionCount;
  return {
    a: layerRef(layerA),
    b: layerRef(layerB),
    weight,
    coverage: commonCoverage(layerModel(atlas.index, layerA), layerModel(atlas.index, layerB)).coverage,
    congruence: computeCongruence(atlas, layerA, layerB),
    crosswalk,
    nestedness: { aInB, bInA },
    identical: {
      count: crosswalk.pairs.filter((p) => p.isAInB && p.isBInA).length,
      share: regionCount > 0 ? (aInB.identicalCount + bInA.identicalCount) / regionCount : null,
    },
    partition: computePartitionAgreement(atlas, layerA, layerB),
    borders: computeBorderCoincidence(atlas, layerA, layerB),
  };
}

function layerRef(layer: AtlasLayer): LayerRef {
  return {
    id: layer.meta.id,
    name: layer.meta.name,
    regionNoun: layer.meta.regionNoun,
    regionCount: layer.regions.length,
    coveredCount: layer.coveredCount,
  };
}

/** The headline metrics of the layer matrix. */
export type MetricId =
  'congruence' | 'congruence-inhabitants' | 'ari' | 'nmi' | 'vi' | 'nested' | 'border-coincidence' | 'identical';

/** How to show and read a metric. */
export interface MetricInfo {
  id: MetricId;
  label: LocalizedText;
  /** Bounds of the value; `max` null where it depends on the data (VI ≤ log₂ n). */
  range: { min: number; max: number | null };
  isHigherBetter: boolean;
  /** Same value for (A, B) and (B, A); otherwise the matrix reads row A, column B. */
  isSymmetric: boolean;
  /** Decimals shown (app and command line alike). */
  decimals: number;
}

/** The matrix metrics in display order. */
export const METRICS: readonly MetricInfo[] = [
  {
    id: 'congruence',
    label: { nl: 'Gemiddelde congruentie per gemeente', en: 'Mean municipality congruence' },
    range: { min: 0, max: 1 },
    isHigherBetter: true,
    isSymmetric: true,
    decimals: 3,
  },
  {
    id: 'congruence-inhabitants',
    label: { nl: 'Gemiddelde congruentie, gewogen naar inwoners', en: 'Mean congruence weighted by inhabitants' },
    range: { min: 0, max: 1 },
    isHigherBetter: true,
    isSymmetric: true,
    decimals: 3,
  },
  {
    id: 'ari',
    label: { nl: 'Gecorrigeerde Rand-index (ARI)', en: 'Adjusted Rand index (ARI)' },
    // The lowest possible ARI is −1/2 (Chacón & Rastrojo, “Minimum adjusted Rand index for two clusterings
    // of a given size”, Advances in Data Analysis and Classification, 2023).
    range: { min: -0.5, max: 1 },
    isHigherBetter: true,
    isSymmetric: true,
    decimals: 3,
  },
  {
    id: 'nmi',
    label: { nl: 'Genormaliseerde wederzijdse informatie (NMI)', en: 'Normalized mutual information (NMI)' },
    range: { min: 0, max: 1 },
    isHigherBetter: true,
    isSymmetric: true,
    decimals: 3,
  },
  {
    id: 'vi',
    label: { nl: 'Variatie van informatie (VI, bits)', en: 'Variation of information (VI, bits)' },
    range: { min: 0, max: null },
    isHigherBetter: false,
    isSymmetric: true,
    decimals: 3,
  },
  {
    id: 'nested',
    label: { nl: 'Aandeel regio’s van A binnen één regio van B', en: 'Share of A’s regions inside one region of B' },
    range: { min: 0, max: 1 },
    isHigherBetter: true,
    isSymmetric: false,
    decimals: 3,
  },
  {
    id: 'border-coincidence',
    label: {
      nl: 'Aandeel grenslengte van A dat ook grens van B is',
      en: 'Share of A’s border length that is also B’s',
    },
    range: { min: 0, max: 1 },
    isHigherBetter: true,
    isSymmetric: false,
    decimals: 3,
  },
  {
    id: 'identical',
    label: { nl: 'Aandeel identieke regio’s', en: 'Share of identical regions' },
    range: { min: 0, max: 1 },
    isHigherBetter: true,
    isSymmetric: true,
    decimals: 3,
  },
];

/** The metric with id `id`, or undefined. */
export function findMetric(id: string): MetricInfo | undefined {
  return METRICS.find((m) => m.id === id);
}

/**
 * The value of `metric` in a comparison, read from A's side (`from = 'a'`: row A, column B of the
 * matrix) or from B's side (`'b'`: the same comparison read as B against A). Symmetric metrics are
 * the same from both sides. Null where the metric is not defined (e.g. ARI with multi-membership).
 * @example metricValue(compareLayers(grid, 'cells-2025', 'rows-2025'), 'nested') // 1: every cell lies in a row
 * @example metricValue(compareLayers(grid, 'cells-2025', 'rows-2025'), 'nested', 'b') // 0: no row lies in a cell
 */
export function metricValue(comparison: LayerComparison, metric: MetricId, from: 'a' | 'b' = 'a'): number | null {
  const { congruence, partition, nestedness, borders, identical } = comparison;
  switch (metric) {
    case 'congruence':
      return congruence.mean;
    case 'congruence-inhabitants':
      return congruence.meanByInhabitants;
    case 'ari':
      return partition.isDefined ? partition.ari : null;
    case 'nmi':
      return partition.isDefined ? partition.nmi : null;
    case 'vi':
      return partition.isDefined ? partition.viBits : null;
    case 'nested':
      return (from === 'a' ? nestedness.aInB : nestedness.bInA).share;
    case 'border-coincidence':
      return (from === 'a' ? borders.aInB : borders.bInA).share;
    case 'identical':
      return identical.share;
  }
}
