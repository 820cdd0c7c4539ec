/**
 * Congruence over time (issue 10): "did our layouts converge or drift apart?". For two kinds of layout, every
 * metric of the layer matrix (`computePairMetrics`, ids of `METRICS`) in every year both exist, each on that
 * year's own gemeenten (no matching needed), with the number of gemeenten it rests on. Pure.
 */
import type { Atlas } from '../data/atlas';
import { DataError } from '../errors';
import { layerModel } from '../model/layer-model';
import { computePairMetrics, PairScratch, type MetricValues } from '../stats/matrix';
import type { MetricId } from '../stats/pair';
import { commonCoverage } from '../stats/sets';
import type { LayerId, LocalizedText } from '../types';
import { layerOfKind } from './kind-history';

/** One year of a trend: both kinds' layers compared on that year's gemeenten. */
export interface TrendPoint {
  year: number;
  layerIdA: LayerId;
  layerIdB: LayerId;
  /** Gemeenten of the year, and those both layers cover (the ground set of most metrics). */
  municipalityCount: number;
  commonCount: number;
  /** Every metric from A's side (row A, column B) and from B's side; null where not defined. */
  aToB: MetricValues;
  bToA: MetricValues;
}

/** A year left out of a trend, and which kind it lacks. */
export interface TrendGap {
  year: number;
  missing: ('a' | 'b')[];
}

/** Two kinds compared year by year. Plain data. */
export interface Trend {
  kindA: string;
  kindB: string;
  /** The names of the newest layers of each kind. */
  nameA: LocalizedText;
  nameB: LocalizedText;
  /** Oldest first. */
  points: TrendPoint[];
  /** Years of `atlases` where one kind (or both) has no layer. */
  gaps: TrendGap[];
}

/** One point of a metric's series. */
export interface TrendValue {
  year: number;
  /** Null where the metric is not defined in that year (e.g. ARI with multi-membership). */
  value: number | null;
  /** The gemeenten the value rests on (both layers cover them). */
  commonCount: number;
  layerIdA: LayerId;
  layerIdB: LayerId;
}

/**
 * Kind A against kind B in every atlas (a year each) where both have a layer.
 * Throws DataError when two atlases are of the same year or no year has both kinds.
 * @example
 * const t = computeTrend(atlases, 'jeugdregio', 'veiligthuis');
 * t.points.map((p) => p.year) // [2016, 2020, 2021, 2022, 2023, 2024, 2025]
 */
export function computeTrend(atlases: readonly Atlas[], kindA: string, kindB: string): Trend {
  const sorted = [...atlases].sort((a, b) => a.geometry.year - b.geometry.year);
  const points: TrendPoint[] = [];
  const gaps: TrendGap[] = [];
  let nameA: LocalizedText | undefined;
  let nameB: LocalizedText | undefined;
  const scratch = new PairScratch();
  sorted.forEach((atlas, i) => {
    const year = atlas.geometry.year;
    if (i > 0 && sorted[i - 1]!.geometry.year === year) throw new DataError(`The year ${year} is given twice`);
    const layerA = layerOfKind(atlas, kindA);
    const layerB = layerOfKind(atlas, kindB);
    if (layerA) nameA = layerA.meta.name;
    if (layerB) nameB = layerB.meta.name;
    if (!layerA || !layerB) {
      gaps.push({ year, missing: [...(layerA ? [] : ['a' as const]), ...(layerB ? [] : ['b' as const])] });
      return;
    }
    const atlasA = atlas.layersById.get(layerA.meta.id)!;
    const atlasB = atlas.layersById.get(layerB.meta.id)!;
    const metrics = computePairMetrics(atlas, atlasA, atlasB, scratch);
    const { coverage } = commonCoverage(layerModel(atlas.index, atlasA), layerModel(atlas.index, atlasB));
    points.push({
      year,
      layerIdA: layerA.meta.id,
      layerIdB: layerB.meta.id,
      municipalityCount: atlas.index.codes.length,
      commonCount: coverage.commonCount,
      aToB: metrics.aToB,
      bToA: metrics.bToA,
    });
  });
  if (points.length === 0 || !nameA || !nameB) {
    throw new DataError(`No year has layers of both kinds '${kindA}' and '${kindB}'`);
  }
  return { kindA, kindB, nameA, nameB, points, gaps };
}

/**
 * One metric of a trend as a series, read from A's side (`'a'`, default) or B's (for directional metrics).
 * @example trendSeries(t, 'ari').map((p) => p.value) // one ARI per year
 */
export function trendSeries(trend: Trend, metric: MetricId, from: 'a' | 'b' = 'a'): TrendValue[] {
  return trend.points.map((p) => ({
    year: p.year,
    value: (from === 'a' ? p.aToB : p.bToA)[metric],
    commonCount: p.commonCount,
    layerIdA: p.layerIdA,
    layerIdB: p.layerIdB,
  }));
}
