import { describe, expect, it } from 'vitest';
import { buildExportTables, type ExportTablesInput } from '../../src/lib/state/export-tables';
import { buildAtlas } from '../../src/lib/data/atlas';
import {
  crosswalkTable,
  matrixLongTable,
  matrixTable,
  mismatchTable,
  pairSummaryTable,
  tableCsv,
} from '../../src/lib/export/tables';
import { computeAllPairMetrics } from '../../src/lib/stats/matrix';
import { compareLayers } from '../../src/lib/stats/pair';
import { GRID, GRID_GEOMETRY, gridLayerFile } from '../fixtures/grid';

const atlas = buildAtlas(GRID_GEOMETRY, GRID, [
  gridLayerFile('rows', true),
  gridLayerFile('columns', true),
  gridLayerFile('partial', false),
]);
const LINK = 'https://example.org/atlas/?layers=rows-2025,columns-2025';

const input = (patch: Partial<ExportTablesInput> = {}): ExportTablesInput => ({
  atlas,
  visible: ['rows-2025', 'columns-2025'],
  metric: 'congruence',
  lang: 'nl',
  lastPair: null,
  link: LINK,
  ...patch,
});

const ids = (patch: Partial<ExportTablesInput>) => buildExportTables(input(patch)).map((t) => t.id);

describe('buildExportTables', () => {
  it('offers nothing while the atlas is loading', () => {
    expect(buildExportTables(input({ atlas: null, lastPair: { a: 'rows-2025', b: 'columns-2025' } }))).toEqual([]);
  });

  it('offers the matrix of the visible layers for the chosen metric, from two visible layers on', () => {
    expect(ids({ visible: [] })).toEqual([]);
    expect(ids({ visible: ['rows-2025'] })).toEqual([]);
    expect(ids({ visible: ['rows-2025', 'columns-2025'], metric: 'ari' })).toEqual(['matrix-ari', 'matrix-all']);
    expect(buildExportTables(input()).map((t) => t.label)).toEqual([
      'Lagen vergeleken: Gemiddelde congruentie per gemeente',
      'Lagen vergeleken: alle maten',
    ]);
    expect(buildExportTables(input({ lang: 'en', metric: 'ari' })).map((t) => t.label)).toEqual([
      'Layers compared: Adjusted Rand index (ARI)',
      'Layers compared: every measure',
    ]);
  });

  it('offers every metric in long format, from the worker’s pair metrics when they are of the visible layers', () => {
    const [, all] = buildExportTables(input());
    const expected = tableCsv(atlas, matrixLongTable(atlas, ['rows-2025', 'columns-2025'], 'nl'), {
      separator: ';',
      link: LINK,
      lang: 'nl',
      layerIds: ['rows-2025', 'columns-2025'],
    });
    expect(all?.build({ separator: ';' })).toBe(expected);
    const pairs = computeAllPairMetrics(atlas, ['rows-2025', 'columns-2025']);
    pairs[0]![1]!.aToB.nmi = 0.4321;
    const [, known] = buildExportTables(input({ matrix: { layerIds: ['rows-2025', 'columns-2025'], pairs } }));
    expect(known!.build({ separator: ',' })).toContain('rows-2025,Indeling rows,columns-2025,Indeling columns,nmi,');
    expect(known!.build({ separator: ',' })).toContain(',0.4321\r\n');
  });

  it('passes the panel’s choices on: the date into the notes, or no notes at all', () => {
    const [matrix] = buildExportTables(input());
    expect(matrix!.build({ separator: ';', exportDate: '2026-12-03' })).toContain('\r\n# gemaakt op;2026-12-03\r\n');
    const bare = matrix!.build({ separator: ';', hasNotes: false });
    expect(bare).not.toContain('#');
    expect(bare.startsWith('\uFEFFlaag_id;laag;rows-2025;columns-2025\r\n')).toBe(true);
  });

  it('leaves out visible layers the atlas no longer holds (a deleted user layer)', () => {
    expect(ids({ visible: ['rows-2025', 'eigen-gone-2025'] })).toEqual([]);
    const [matrix] = buildExportTables(input({ visible: ['rows-2025', 'eigen-gone-2025', 'partial-2025'] }));
    const expected = tableCsv(atlas, matrixTable(atlas, ['rows-2025', 'partial-2025'], 'congruence', 'nl'), {
      separator: ';',
      link: LINK,
      lang: 'nl',
      layerIds: ['rows-2025', 'partial-2025'],
    });
    expect(matrix?.build({ separator: ';' })).toBe(expected);
  });

  it('adds the last compared pair’s key figures, crosswalk and mismatches, named after both layers', () => {
    const tables = buildExportTables(
      input({ visible: ['rows-2025'], lastPair: { a: 'partial-2025', b: 'rows-2025' } }),
    );
    expect(tables.map((t) => t.id)).toEqual([
      'summary-partial-2025-rows-2025',
      'crosswalk-partial-2025-rows-2025',
      'crosswalk-rows-2025-partial-2025',
      'mismatches-partial-2025-rows-2025',
    ]);
    expect(tables.map((t) => t.label)).toEqual([
      'Kerncijfers: Indeling partial ↔ Indeling rows',
      'Kruistabel: Indeling partial ↔ Indeling rows',
      'Kruistabel: Indeling rows ↔ Indeling partial',
      'Gemeenten met andere partners: Indeling partial ↔ Indeling rows',
    ]);
    const english = buildExportTables(input({ lang: 'en', lastPair: { a: 'partial-2025', b: 'rows-2025' } }));
    expect(english.map((t) => t.label)).toEqual([
      'Layers compared: Mean municipality congruence',
      'Layers compared: every measure',
      'Key figures: Layout partial ↔ Layout rows',
      'Crosswalk: Layout partial ↔ Layout rows',
      'Crosswalk: Layout rows ↔ Layout partial',
      'Municipalities with other partners: Layout partial ↔ Layout rows',
    ]);
  });

  it('each pair table is the export module’s table for that comparison, with the link and the separator', () => {
    const tables = buildExportTables(input({ lang: 'en', lastPair: { a: 'partial-2025', b: 'rows-2025' } }));
    const cmp = compareLayers(atlas, 'partial-2025', 'rows-2025');
    const options = {
      separator: ',' as const,
      link: LINK,
      lang: 'en' as const,
      layerIds: ['partial-2025', 'rows-2025'],
    };
    const byId = new Map(tables.map((t) => [t.id, t]));
    const comma = { separator: ',' } as const;
    expect(byId.get('summary-partial-2025-rows-2025')?.build(comma)).toBe(
      tableCsv(atlas, pairSummaryTable(cmp, 'en'), options),
    );
    expect(byId.get('crosswalk-partial-2025-rows-2025')?.build(comma)).toBe(
      tableCsv(atlas, crosswalkTable(atlas, cmp, 'a', 'en'), options),
    );
    expect(byId.get('crosswalk-rows-2025-partial-2025')?.build(comma)).toBe(
      tableCsv(atlas, crosswalkTable(atlas, cmp, 'b', 'en'), options),
    );
    expect(byId.get('mismatches-partial-2025-rows-2025')?.build(comma)).toBe(
      tableCsv(atlas, mismatchTable(atlas, cmp, 'en'), options),
    );
    expect(byId.get('mismatches-partial-2025-rows-2025')?.build(comma)).toContain(LINK);
  });

  it('drops a last pair whose layer the atlas no longer holds', () => {
    expect(ids({ lastPair: { a: 'rows-2025', b: 'eigen-gone-2025' } })).toEqual(['matrix-congruence', 'matrix-all']);
    expect(ids({ visible: [], lastPair: { a: 'eigen-gone-2025', b: 'rows-2025' } })).toEqual([]);
  });

  it('writes the worker’s matrix and comparison when they are of what is exported, not a recomputation', () => {
    const matrix = computeAllPairMetrics(atlas, ['rows-2025', 'columns-2025']);
    // A marker value only the given matrix holds.
    matrix[0]![1]!.aToB.ari = 0.123456;
    const [table] = buildExportTables(
      input({ metric: 'ari', matrix: { layerIds: ['rows-2025', 'columns-2025'], pairs: matrix } }),
    );
    // Four decimals, as every exported statistic.
    expect(table!.build({ separator: ',' })).toContain('0.1235');
    // A matrix of other layers is not used.
    const [other] = buildExportTables(
      input({ metric: 'ari', matrix: { layerIds: ['columns-2025', 'rows-2025'], pairs: matrix } }),
    );
    expect(other!.build({ separator: ',' })).not.toContain('0.1235');
  });

  it('ranks the crosswalk’s best matches by the weight chosen on screen', () => {
    const lastPair = { a: 'rows-2025', b: 'partial-2025' };
    const crosswalk = (weight: 'count' | 'area') =>
      buildExportTables(input({ lastPair, weight }))
        .find((t) => t.id.startsWith('crosswalk-'))!
        .build({ separator: ',' });
    const expected = (weight: 'count' | 'area') =>
      tableCsv(atlas, crosswalkTable(atlas, compareLayers(atlas, 'rows-2025', 'partial-2025', { weight }), 'a', 'nl'), {
        separator: ',',
        link: LINK,
        lang: 'nl',
        layerIds: ['rows-2025', 'partial-2025'],
      });
    expect(crosswalk('area')).toBe(expected('area'));
    expect(crosswalk('count')).toBe(expected('count'));
  });
});
