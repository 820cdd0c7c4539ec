/**
 * The statistics tables the export panel offers as CSV, from what is on screen: the matrix of the visible
 * layers (with two or more of them) for the chosen metric and with every metric, the tables of the pair
 * compared last (key figures, the crosswalk from either layer's side as the pair view shows it, mismatching
 * gemeenten), and those of the congruence map. Pure: the tables are only computed when a button asks for one
 * (`build`), with the panel's choices (separator, provenance rows, today's date).
 */
import type { Atlas } from '../data/atlas';
import type { CsvSeparator } from '../export/csv';
import {
  buildingBlocksTable,
  crosswalkTable,
  matrixLongTable,
  matrixTable,
  mismatchTable,
  multiCongruenceTable,
  pairSummaryTable,
  tableCsv,
} from '../export/tables';
import type { BuildingBlocks } from '../stats/blocks';
import type { MultiCongruence } from '../stats/multi-congruence';
import { translate, type Lang, type MessageKey } from '../i18n/messages';
import { matrixOf } from '../stats/matrix';
import { compareLayers, findMetric, type LayerComparison, type MetricId } from '../stats/pair';
import type { Weight } from '../stats/sets';
import type { LayerId } from '../types';
import type { MatrixResult } from '../worker/protocol';

/** The export panel's choices for a CSV file. */
export interface CsvChoice {
  separator: CsvSeparator;
  /** Write the `#` provenance rows at the end (default true). */
  hasNotes?: boolean;
  /** Today, ISO `YYYY-MM-DD`, written into the provenance (none: not written). */
  exportDate?: string;
}

/** A statistics table that can be downloaded as CSV. */
export interface ExportableTable {
  /** Stable id (used as key). */
  id: string;
  /** Shown on its button: "Download CSV (label)"; also the file name. */
  label: string;
  /** The table's CSV text with the panel's choices (see `tableCsv`). */
  build: (choice: CsvChoice) => string;
}

/** What the export tables depend on: the atlas (null while loading) and the app's choices. */
export interface ExportTablesInput {
  atlas: Atlas | null;
  /** Visible layers in drawing order; ids the atlas does not hold are left out. */
  visible: readonly LayerId[];
  metric: MetricId;
  lang: Lang;
  /** The pair compared last, or null; ignored when the atlas no longer holds one of its layers. */
  lastPair: { a: LayerId; b: LayerId } | null;
  /** The view's full link, written into each file. */
  link: string;
  /** The statistics worker's matrix, if it has one (used when it is of the visible layers). */
  matrix?: MatrixResult | null;
  /** The worker's comparison of the open pair, if any (used when it is of the last pair, for the same weight). */
  comparison?: LayerComparison | null;
  /** The weight of the best matches in the crosswalk, as on screen. */
  weight?: Weight;
  /** The layouts of the open congruence map (two or more), with its figures as on screen. */
  congruence?: { layerIds: LayerId[]; scores: MultiCongruence | null; blocks: BuildingBlocks | null } | null;
}

/**
 * The tables to offer: the matrix for the chosen metric and with every metric, then the last pair's key
 * figures, crosswalks (from A's and from B's side) and mismatches, then the congruence map's tables.
 * @example buildExportTables({ atlas: grid, visible: ['rows-2025', 'columns-2025'], metric: 'ari', lang: 'en', lastPair: null, link })
 * // [{ id: 'matrix-ari', label: 'Layers compared: Adjusted Rand index (ARI)', build }, { id: 'matrix-all', label: 'Layers compared: every measure', build }]
 */
export function buildExportTables(input: ExportTablesInput): ExportableTable[] {
  const { atlas, metric, lang, link } = input;
  if (!atlas) return [];
  const t = (key: MessageKey) => translate(lang, key);
  const options = (choice: CsvChoice, layerIds: LayerId[]) => ({
    separator: choice.separator,
    link,
    lang,
    layerIds,
    ...(choice.exportDate ? { exportDate: choice.exportDate } : {}),
    hasNotes: choice.hasNotes ?? true,
  });
  const visible = input.visible.filter((id) => atlas.layersById.has(id));
  const tables: ExportableTable[] = [];
  if (visible.length >= 2) {
    // What the worker computed for the matrix on screen; computed here only when there is none.
    const known = () => (input.matrix?.layerIds.join() === visible.join() ? input.matrix : null);
    tables.push(
      {
        id: `matrix-${metric}`,
        label: `${t('statsMatrixTitle')}: ${findMetric(metric)?.label[lang] ?? metric}`,
        build: (choice) => {
          const pairs = known();
          const matrix = pairs ? matrixOf(pairs.layerIds, pairs.pairs, metric) : undefined;
          return tableCsv(atlas, matrixTable(atlas, visible, metric, lang, matrix), options(choice, visible));
        },
      },
      {
        id: 'matrix-all',
        label: `${t('statsMatrixTitle')}: ${t('exportEveryMetric')}`,
        build: (choice) =>
          tableCsv(atlas, matrixLongTable(atlas, visible, lang, known()?.pairs), options(choice, visible)),
      },
    );
  }
  const pair = input.lastPair;
  const layerA = pair && atlas.layersById.get(pair.a);
  const layerB = pair && atlas.layersById.get(pair.b);
  if (pair && layerA && layerB) {
    const { a, b } = pair;
    const ids = [a, b];
    const weight = input.weight ?? 'count';
    const known = input.comparison;
    const cmp = () =>
      known && known.a.id === a && known.b.id === b && known.weight === weight
        ? known
        : compareLayers(atlas, a, b, { weight });
    const names = `${layerA.meta.name[lang]} ↔ ${layerB.meta.name[lang]}`;
    const namesFromB = `${layerB.meta.name[lang]} ↔ ${layerA.meta.name[lang]}`;
    tables.push(
      {
        id: `summary-${a}-${b}`,
        label: `${t('statsFigures')}: ${names}`,
        build: (choice) => tableCsv(atlas, pairSummaryTable(cmp(), lang), options(choice, ids)),
      },
      {
        id: `crosswalk-${a}-${b}`,
        label: `${t('statsCrosswalk')}: ${names}`,
        build: (choice) => tableCsv(atlas, crosswalkTable(atlas, cmp(), 'a', lang), options(choice, ids)),
      },
      {
        id: `crosswalk-${b}-${a}`,
        label: `${t('statsCrosswalk')}: ${namesFromB}`,
        build: (choice) => tableCsv(atlas, crosswalkTable(atlas, cmp(), 'b', lang), options(choice, ids)),
      },
      {
        id: `mismatches-${a}-${b}`,
        label: `${t('statsMismatchesShort')}: ${names}`,
        build: (choice) => tableCsv(atlas, mismatchTable(atlas, cmp(), lang), options(choice, ids)),
      },
    );
  }
  const set = input.congruence?.layerIds.filter((id) => atlas.layersById.has(id)) ?? [];
  if (input.congruence && set.length >= 2) {
    const { scores, blocks } = input.congruence;
    tables.push(
      {
        id: `congruence-${set.join('-')}`,
        label: t('congruenceMapTitle'),
        build: (choice) =>
          tableCsv(atlas, multiCongruenceTable(atlas, set, lang, scores ?? undefined), options(choice, set)),
      },
      {
        id: `blocks-${set.join('-')}`,
        label: t('congruenceBlocksTitle'),
        build: (choice) =>
          tableCsv(atlas, buildingBlocksTable(atlas, set, lang, blocks ?? undefined), options(choice, set)),
      },
    );
  }
  return tables;
}
