/**
 * The atlas through time, for the history panel and the gemeente profile: every year's atlas (read on first use
 * through the loader, which keeps each year once) and the cross-year computations of lib/history on them. Pure
 * computation stays in lib/history; this module only holds what is loaded and hands it to those functions.
 */
import type { Atlas } from '../data/atlas';
import type { LoadedAtlas } from '../data/assemble';
import { messageOf } from '../errors';
import { computeKindHistory, listKinds, layerOfKind, type KindHistory, type KindSpan } from '../history/kind-history';
import { areasOf2015, matcher, type Matching, type YearGemeenten } from '../history/matching';
import { parseProjectedLayerId, projectLayer, withLayers, type ProjectedLayerFile } from '../history/projection';
import { computePairMetrics, type PairMetrics } from '../stats/matrix';
import type { MetricId } from '../stats/pair';
import { computeTrend, type Trend } from '../history/trend';
import { computeMunicipalityHistory, type MunicipalityHistory } from '../history/gemeente-history';
import type { LayerFile, LayerId, MunicipalityCode } from '../types';
import { translate, type Lang } from '../i18n/messages';

/** Every year of the data, loaded or on its way. */
export type HistoryLoad =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'ready'; years: readonly LoadedAtlas[] }
  | { status: 'error'; message: string };

/** A kind's years and the metrics of each pair of them, i ≤ j (null below the diagonal). */
interface YearPairs {
  years: number[];
  metrics: (PairMetrics | null)[][];
}

export class HistoryState {
  load = $state.raw<HistoryLoad>({ status: 'idle' });
  private readonly loadYears: () => Promise<LoadedAtlas[]>;

  /** @param loadYears every year of the data (the loader's `allYears`). */
  constructor(loadYears: () => Promise<LoadedAtlas[]>) {
    this.loadYears = loadYears;
  }

  private loading: Promise<void> | null = null;

  /** Read every year, once; a failure can be tried again by calling this again. Resolves when they are read. */
  ensure(): Promise<void> {
    if (this.loading && this.load.status !== 'error') return this.loading;
    this.load = { status: 'loading' };
    this.loading = this.loadYears().then(
      (years) => {
        this.load = { status: 'ready', years };
      },
      (error: unknown) => {
        this.load = { status: 'error', message: messageOf(error) };
      },
    );
    return this.loading;
  }

  /**
   * The layers a link names by projected id (`veiligthuis-2022~2023`: Veilig Thuis 2022 on the gemeenten of 2023),
   * made again from the years' data; ids that name no layer of the data are left out (the link's notice says so).
   */
  async projectionsOf(ids: readonly LayerId[]): Promise<LayerFile[]> {
    await this.ensure();
    return ids.flatMap((id) => {
      const parsed = parseProjectedLayerId(id);
      const source = parsed && this.atlases.find((a) => a.layersById.has(parsed.layerId));
      const layer = parsed && source?.layersById.get(parsed.layerId);
      if (!parsed || !source || !layer) return [];
      return this.projection(layer.meta.kind, source.geometry.year, parsed.ontoYear) ?? [];
    });
  }

  /** The years' atlases, oldest first (empty until ready). */
  atlases = $derived.by((): Atlas[] =>
    this.load.status === 'ready'
      ? this.load.years.map((y) => y.atlas).sort((a, b) => a.geometry.year - b.geometry.year)
      : [],
  );

  /** The matching between any two years: 2015 areas, and the later year's former gemeenten for divided ones. */
  matchingOf = $derived.by((): ((from: YearGemeenten, to: YearGemeenten) => Matching) | null => {
    if (this.load.status !== 'ready') return null;
    const years = this.load.years;
    // The oldest year (2015) gives the areas every year's gemeenten are made of.
    const first = this.atlases[0];
    if (!first) return null;
    const formerOf = (year: number) => years.find((y) => y.atlas.geometry.year === year)?.former ?? null;
    return matcher(areasOf2015(first), formerOf);
  });

  /** The name of a 2015 gemeente (the matching names the ones it divided by their 2015 codes). */
  nameOf2015 = (code: MunicipalityCode): string => this.atlases[0]?.municipalitiesByCode.get(code)?.name ?? code;

  /** Every kind of layout and the years it exists. */
  kinds = $derived.by((): KindSpan[] => listKinds(this.atlases));

  kindHistory(kind: string): KindHistory | null {
    const matchingOf = this.matchingOf;
    return matchingOf && this.kinds.some((k) => k.kind === kind)
      ? computeKindHistory(this.atlases, kind, matchingOf)
      : null;
  }

  trend(kindA: string, kindB: string): Trend | null {
    const isShared = this.atlases.some((a) => layerOfKind(a, kindA) && layerOfKind(a, kindB));
    return isShared ? computeTrend(this.atlases, kindA, kindB) : null;
  }

  /** The history of gemeente `code` of `year`, or null before the years are loaded. */
  municipalityHistory(year: number, code: MunicipalityCode): MunicipalityHistory | null {
    const matchingOf = this.matchingOf;
    if (!matchingOf || this.load.status !== 'ready') return null;
    const newest = [...this.load.years].sort((a, b) => b.atlas.geometry.year - a.atlas.geometry.year)[0];
    return computeMunicipalityHistory(this.atlases, year, code, matchingOf, newest?.former ?? null);
  }

  /**
   * The matrix "years side by side" of one kind: `metric` of every year's layer against every other year's, each
   * pair compared on the earlier year's gemeenten (the later layer projected onto them); row i, column j is read
   * from year i's side. Null before the years are loaded or for an unknown kind.
   */
  yearsMatrix(kind: string, metric: MetricId): { years: number[]; values: (number | null)[][] } | null {
    const pairs = this.yearPairs(kind);
    if (!pairs) return null;
    // Each pair is measured once (upper triangle, on the earlier year's gemeenten); row i reads from year i's side.
    const values = pairs.years.map((_, i) =>
      pairs.years.map((_, j) => (i <= j ? pairs.metrics[i]![j]!.aToB[metric] : pairs.metrics[j]![i]!.bToA[metric])),
    );
    return { years: pairs.years, values };
  }

  /** Every metric of every pair of years of a kind (i ≤ j), kept per kind: switching the metric computes nothing. */
  // A cache of results, not state: what renders reads `yearsMatrix`, which follows `load` and `metric`.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  private yearPairsOf = new Map<string, YearPairs | null>();

  private yearPairs(kind: string): YearPairs | null {
    const matchingOf = this.matchingOf;
    if (!matchingOf) return null;
    if (this.yearPairsOf.has(kind)) return this.yearPairsOf.get(kind)!;
    const present = this.atlases.flatMap((atlas) => {
      const layer = layerOfKind(atlas, kind);
      return layer ? [{ atlas, layer }] : [];
    });
    const pairs =
      present.length === 0
        ? null
        : {
            years: present.map((p) => p.atlas.geometry.year),
            metrics: present.map((earlier, i) =>
              present.map((later, j) => {
                if (j < i) return null; // read from [j][i]
                const own = earlier.atlas.layersById.get(earlier.layer.meta.id)!;
                if (i === j) return computePairMetrics(earlier.atlas, own, own);
                const projected = projectLayer(later.layer, matchingOf(earlier.atlas, later.atlas));
                const atlas = withLayers(earlier.atlas, [projected]);
                return computePairMetrics(
                  atlas,
                  atlas.layersById.get(earlier.layer.meta.id)!,
                  atlas.layersById.get(projected.meta.id)!,
                );
              }),
            ),
          };
    this.yearPairsOf.set(kind, pairs);
    return pairs;
  }

  /**
   * The layer of `kind` in `fromYear` on the gemeenten of `onYear` (each gemeente of `onYear` takes the region(s)
   * of the `fromYear` gemeente holding most of its area), to draw or compare beside `onYear`'s own layers.
   */
  projection(kind: string, fromYear: number, onYear: number): ProjectedLayerFile | null {
    const matchingOf = this.matchingOf;
    const source = this.atlases.find((a) => a.geometry.year === fromYear);
    const target = this.atlases.find((a) => a.geometry.year === onYear);
    const layer = source && layerOfKind(source, kind);
    if (!matchingOf || !target || !layer || !source) return null;
    const file = projectLayer(layer, matchingOf(target, source));
    // Named for the year it comes from, and drawn dotted, to tell it from `onYear`'s own layer of the same kind.
    const name = (lang: Lang) =>
      translate(lang, 'projectedName', { name: layer.meta.name[lang], from: fromYear, year: onYear });
    return { ...file, meta: { ...file.meta, name: { nl: name('nl'), en: name('en') }, dash: [1.5, 1.5] } };
  }
}
