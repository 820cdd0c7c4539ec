/**
 * A kind of layout through the years (issue 10): the years it exists, what changed between each pair of
 * consecutive years (`computeLayoutChanges`, on the earlier year's gemeenten), and when it changed most. Pure:
 * the caller gives the years' gemeenten and layers (atlases will do) and the matching of two years.
 */
import { DataError } from '../errors';
import { compareCodes } from '../model/codes';
import type { Domain, LayerId, LocalizedText } from '../types';
import { computeLayoutChanges, type LayoutChanges } from './changes';
import type { Matching, YearGemeenten } from './matching';
import { isProjected, type HistoryLayer } from './projection';

/** One year of the atlas as the history reads it: its gemeenten and layers. An `Atlas` is one. */
export interface TimelineYear extends YearGemeenten {
  layers: readonly HistoryLayer[];
}

/** A kind of layout and the years it exists. */
export interface KindSpan {
  kind: string;
  /** Name, region noun and domain of its newest layer. */
  name: LocalizedText;
  regionNoun: LocalizedText;
  domain: Domain;
  /** The years with a layer of this kind, oldest first, and those layers' ids. */
  years: number[];
  layerIds: LayerId[];
}

/** One year of a kind's history. */
export interface KindHistoryYear {
  year: number;
  layerId: LayerId;
  /** The layer's own reference date (may differ from the gemeenten's, e.g. RegioAtlas 2016: 2016-03-21). */
  referenceDate: string;
  regionCount: number;
  /** Gemeenten of that year in at least one region, and all gemeenten of that year. */
  coveredCount: number;
  municipalityCount: number;
}

/** The changes from one year of the kind to the next one it exists in. */
export interface KindHistoryStep {
  fromYear: number;
  toYear: number;
  changes: LayoutChanges;
  /** Region events other than `stayed` (merged, split, renamed, …). */
  regionEventCount: number;
  /** Earlier gemeenten whose region changed (not by following their region's merger or split). */
  regionChangedCount: number;
  /** Earlier gemeenten whose fellow gemeenten changed (`LayoutChangeCounts.regroupedCount`). */
  regroupedCount: number;
  /** regionEventCount + regionChangedCount: how much the layout changed, for ranking the steps. */
  changeCount: number;
}

/** A kind's history. Plain data. */
export interface KindHistory {
  kind: string;
  name: LocalizedText;
  regionNoun: LocalizedText;
  years: KindHistoryYear[];
  /** One per pair of consecutive years, oldest first. */
  steps: KindHistoryStep[];
  summary: {
    /** Sum of the steps' change counts. */
    changeCount: number;
    /**
     * The steps with any change, most changes first (ties: more region events, then more regrouped gemeenten,
     * then the earlier step), as `[fromYear, toYear]`.
     */
    busiest: [number, number][];
    /** The steps without any change, oldest first. */
    unchanged: [number, number][];
  };
}

/**
 * The layer of `kind` in a year (its own, not a projection), or undefined.
 * @example layerOfKind(atlas2016, 'veiligthuis')?.meta.id // 'veiligthuis-2016'
 */
export function layerOfKind(year: TimelineYear, kind: string): HistoryLayer | undefined {
  const own = year.layers.filter((l) => l.meta.kind === kind && !isProjected(l.meta));
  return own.find((l) => l.meta.year === year.geometry.year) ?? own[0];
}

/**
 * Every kind of layout in `years` with the years it exists, in the layer order of the newest year it exists in,
 * then by kind. Throws DataError when two years are the same.
 * @example listKinds(atlases).find((k) => k.kind === 'veiligthuis')?.years // [2016, 2020, 2021, 2022, 2023, 2024, 2025]
 */
export function listKinds(years: readonly TimelineYear[]): KindSpan[] {
  const sorted = sortYears(years);
  const spans = new Map<string, KindSpan>();
  // Newest year first, so a kind's name and order are those of its newest layer.
  for (const year of [...sorted].reverse()) {
    for (const layer of year.layers) {
      if (isProjected(layer.meta) || layerOfKind(year, layer.meta.kind) !== layer) continue;
      const span = spans.get(layer.meta.kind);
      if (span) {
        span.years.unshift(year.geometry.year);
        span.layerIds.unshift(layer.meta.id);
      } else {
        spans.set(layer.meta.kind, {
          kind: layer.meta.kind,
          name: layer.meta.name,
          regionNoun: layer.meta.regionNoun,
          domain: layer.meta.domain,
          years: [year.geometry.year],
          layerIds: [layer.meta.id],
        });
      }
    }
  }
  const newest = (span: KindSpan) => span.years[span.years.length - 1]!;
  const order = (span: KindSpan) => {
    const year = sorted.find((y) => y.geometry.year === newest(span))!;
    return year.layers.findIndex((l) => l.meta.kind === span.kind);
  };
  return [...spans.values()].sort(
    (x, y) => newest(y) - newest(x) || order(x) - order(y) || compareCodes(x.kind, y.kind),
  );
}

/**
 * The history of `kind` over `years` (any order; years without the kind are skipped): per year its layer's
 * size, per pair of consecutive years with the kind the changes, and the steps that changed it most.
 * `matchingOf(earlier, later)` gives the matching of two years (`matcher` in matching.ts).
 * Throws DataError when no year has the kind or two years are the same.
 * @example
 * const h = computeKindHistory(atlases, 'veiligthuis', matcher(areas, formerOf));
 * h.years.map((y) => y.year) // [2016, 2020, 2021, 2022, 2023, 2024, 2025]
 * h.summary.busiest[0] // [2016, 2020] or whichever step moved most gemeenten and regions
 */
export function computeKindHistory(
  years: readonly TimelineYear[],
  kind: string,
  matchingOf: (earlier: YearGemeenten, later: YearGemeenten) => Matching,
): KindHistory {
  const present = sortYears(years)
    .map((year) => ({ year, layer: layerOfKind(year, kind) }))
    .filter((entry): entry is { year: TimelineYear; layer: HistoryLayer } => entry.layer !== undefined);
  const newest = present[present.length - 1];
  if (!newest) throw new DataError(`No year has a layer of kind '${kind}'`);
  const steps: KindHistoryStep[] = [];
  for (let i = 1; i < present.length; i++) {
    const earlier = present[i - 1]!;
    const later = present[i]!;
    const changes = computeLayoutChanges(earlier.layer, later.layer, matchingOf(earlier.year, later.year));
    const { regionEventCount, regionChangedCount, regroupedCount } = changes.counts;
    steps.push({
      fromYear: earlier.year.geometry.year,
      toYear: later.year.geometry.year,
      changes,
      regionEventCount,
      regionChangedCount,
      regroupedCount,
      changeCount: regionEventCount + regionChangedCount,
    });
  }
  const step = (s: KindHistoryStep): [number, number] => [s.fromYear, s.toYear];
  return {
    kind,
    name: newest.layer.meta.name,
    regionNoun: newest.layer.meta.regionNoun,
    years: present.map(({ year, layer }) => ({
      year: year.geometry.year,
      layerId: layer.meta.id,
      referenceDate: layer.meta.source.referenceDate,
      regionCount: layer.regions.length,
      coveredCount: new Set(layer.regions.flatMap((r) => r.members)).size,
      municipalityCount: year.index.codes.length,
    })),
    steps,
    summary: {
      changeCount: steps.reduce((sum, s) => sum + s.changeCount, 0),
      busiest: steps
        .filter((s) => s.changeCount > 0)
        .sort(
          (x, y) =>
            y.changeCount - x.changeCount ||
            y.regionEventCount - x.regionEventCount ||
            y.regroupedCount - x.regroupedCount ||
            x.fromYear - y.fromYear,
        )
        .map(step),
      unchanged: steps.filter((s) => s.changeCount === 0).map(step),
    },
  };
}

/** The years oldest first; DataError when a year appears twice. */
function sortYears(years: readonly TimelineYear[]): TimelineYear[] {
  const sorted = [...years].sort((a, b) => a.geometry.year - b.geometry.year);
  sorted.forEach((year, i) => {
    if (i > 0 && sorted[i - 1]!.geometry.year === year.geometry.year) {
      throw new DataError(
        `The year ${year.geometry.year} is given twice (${sorted[i - 1]!.geometry.id}, ${year.geometry.id})`,
      );
    }
  });
  return sorted;
}
