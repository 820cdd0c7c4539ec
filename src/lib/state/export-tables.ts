/**
 * The statistics tables the export panel offers as CSV, from what is on screen: the matrix of the visible
 * layers (with two or more of them) and the three tables of the pair compared last (key figures, crosswalk,
 * mismatching gemeenten). Pure: the tables are only computed when a button asks for one (`build`).
 */
import type { Atlas } from '../data/atlas';
import type { CsvSeparator } from '../export/csv';
import {
  buildingBlocksTable,
  crosswalkTable,
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
import { compareLayers, type LayerComparison, type MetricId } from '../stats/pair';
import type { Weight } from '../stats/sets';
import type { LayerId } from '../types';
import type { MatrixResult } from '../worker/protocol';

/** A statistics table that can be downloaded as CSV. */
export interface ExportableTable {
  /** Stable id (used in the file name and as key). */
  id: string;
  /** Shown on its button: "Download CSV (label)". */
  label: string;
  /** The table's CSV text with the chosen separator (see `tableCsv`). */
  build: (separator: CsvSeparator) => string;
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
 * The tables to offer, matrix first, then the last pair's key figures, crosswalk and mismatches.
 * @example buildExportTables({ atlas: grid, visible: ['rows-2025', 'columns-2025'], metric: 'ari', lang: 'en', lastPair: null, link })
 * // [{ id: 'matrix-ari', label: 'Layers compared', build }]
 */
export function buildExportTables(input: ExportTablesInput): ExportableTable[] {
  const { atlas, metric, lang, link } = input;
  if (!atlas) return [];
  const t = (key: MessageKey) => translate(lang, key);
  const options = (separator: CsvSeparator, layerIds: LayerId[]) => ({ separator, link, lang, layerIds });
  const visible = input.visible.filter((id) => atlas.layersById.has(id));
  const tables: ExportableTable[] = [];
  if (visible.length >= 2) {
    tables.push({
      id: `matrix-${metric}`,
      label: t('statsMatrixTitle'),
      // What the worker computed for the matrix on screen; computed here only when there is none.
      build: (sep) => {
        const known = input.matrix?.layerIds.join() === visible.join() ? input.matrix : null;
        const matrix = known ? matrixOf(known.layerIds, known.pairs, metric) : undefined;
        return tableCsv(atlas, matrixTable(atlas, visible, metric, lang, matrix), options(sep, visible));
      },
    });
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
    tables.push(
      {
        id: `summary-${a}-${b}`,
        label: `${t('statsFigures')}: ${names}`,
        build: (sep) => tableCsv(atlas, pairSummaryTable(cmp(), lang), options(sep, ids)),
      },
      {
        id: `crosswalk-${a}-${b}`,
        label: `${t('statsCrosswalk')}: ${names}`,
        build: (sep) => tableCsv(atlas, crosswalkTable(atlas, cmp(), 'a', lang), options(sep, ids)),
      },
      {
        id: `mismatches-${a}-${b}`,
        label: `${t('statsMismatchesShort')}: ${names}`,
        build: (sep) => tableCsv(atlas, mismatchTable(atlas, cmp(), lang), options(sep, ids)),
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
        build: (sep) => tableCsv(atlas, multiCongruenceTable(atlas, set, lang, scores ?? undefined), options(sep, set)),
      },
      {
        id: `blocks-${set.join('-')}`,
        label: t('congruenceBlocksTitle'),
        build: (sep) => tableCsv(atlas, buildingBlocksTable(atlas, set, lang, blocks ?? undefined), options(sep, set)),
      },
    );
  }
  return tables;
}
