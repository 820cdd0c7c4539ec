import { describe, expect, it } from 'vitest';
import { DataError } from '../../src/lib/errors';
import { parseLayerFile } from '../../src/lib/data/parse';
import { USER_LAYER_COLOURS } from '../../src/lib/import/build-layer';
import { moveMunicipality, regionCodesOf, renameLayer, startDraft } from '../../src/lib/import/what-if';
import { gridLayerFile } from '../fixtures/grid';
import { indexLayer } from '../../src/lib/data/atlas';

const ALL = ['GM0001', 'GM0002', 'GM0003', 'GM0004', 'GM0005', 'GM0006', 'GM0007', 'GM0008', 'GM0009'];
const TODAY = '2025-06-01';

/** A draft of the three-rows layout (R1 north, R2 middle, R3 south). */
function rowsDraft() {
  const rows = gridLayerFile('rows', true);
  return startDraft(rows, rows.meta.name, TODAY);
}

describe('startDraft', () => {
  it('copies any layer into a user layer named "(wat-als)"/"(what-if)", with its source and a new colour', () => {
    const rows = gridLayerFile('rows', true);
    const draft = startDraft(rows, rows.meta.name, TODAY);
    expect(parseLayerFile(JSON.parse(JSON.stringify(draft)), 'draft')).toEqual(draft);
    expect(draft.meta).toMatchObject({
      kind: expect.stringMatching(/^eigen-whatif-[0-9a-z]{7}$/),
      domain: 'eigen',
      year: 2025,
      geometryId: rows.meta.geometryId,
      name: { nl: 'Indeling rows (wat-als)', en: 'Layout rows (what-if)' },
      source: {
        citation: 'Wat-als op basis van Indeling rows (Test source rows)',
        licence: 'CC0 1.0',
        referenceDate: TODAY,
      },
      coverage: rows.meta.coverage,
    });
    expect(draft.meta.id).toBe(`${draft.meta.kind}-2025`);
    expect(USER_LAYER_COLOURS).toContain(draft.meta.color);
    expect(draft.regions).toEqual(rows.regions);
    expect(draft.regions[0]).not.toBe(rows.regions[0]);
  });

  it('picks another id when the first is taken', () => {
    const rows = gridLayerFile('rows', true);
    const first = startDraft(rows, rows.meta.name, TODAY);
    const second = startDraft(rows, rows.meta.name, TODAY, [first.meta.id]);
    expect(second.meta.id).not.toBe(first.meta.id);
    expect(startDraft(rows, rows.meta.name, TODAY).meta.id).toBe(first.meta.id);
  });
});

describe('moveMunicipality', () => {
  it('moves a gemeente to another region: a new layer, members sorted, input untouched', () => {
    const draft = rowsDraft();
    const before = JSON.stringify(draft);
    const moved = moveMunicipality(draft, 'GM0005', 'R2', 'R1', ALL);
    expect(moved.regions.map((r) => [r.code, r.members])).toEqual([
      ['R1', ['GM0001', 'GM0002', 'GM0003', 'GM0005']],
      ['R2', ['GM0004', 'GM0006']],
      ['R3', ['GM0007', 'GM0008', 'GM0009']],
    ]);
    expect(moved).not.toBe(draft);
    expect(JSON.stringify(draft)).toBe(before);
    expect(moved.meta.coverage).toEqual({ isComplete: true, allowsMultiMembership: false });
    expect(moved.meta.id).toBe(draft.meta.id);
  });

  it('the statistics follow the move at once (indexLayer of the result)', () => {
    const moved = moveMunicipality(rowsDraft(), 'GM0005', 'R2', 'R1', ALL);
    expect(
      indexLayer(moved)
        .regionsByMember.get('GM0005')
        ?.map((r) => r.code),
    ).toEqual(['R1']);
  });

  it('drops a region that becomes empty', () => {
    let layer = startDraft(gridLayerFile('hub', true), { nl: 'Hub', en: 'Hub' }, TODAY);
    layer = moveMunicipality(layer, 'GM0005', 'H4', 'H1', ALL);
    expect(layer.regions.map((r) => r.code)).toEqual(['H1', 'H2', 'H3']);
    expect(parseLayerFile(JSON.parse(JSON.stringify(layer)), 'x').regions).toHaveLength(3);
  });

  it('adds a second region (from null): multi-membership is then allowed; removing it again clears it', () => {
    const draft = rowsDraft();
    const both = moveMunicipality(draft, 'GM0005', null, 'R1', ALL);
    expect(regionCodesOf(both, 'GM0005')).toEqual(['R1', 'R2']);
    expect(both.meta.coverage).toEqual({ isComplete: true, allowsMultiMembership: true });
    const back = moveMunicipality(both, 'GM0005', 'R1', null, ALL);
    expect(back.regions).toEqual(draft.regions);
    expect(back.meta.coverage).toEqual({ isComplete: true, allowsMultiMembership: false });
  });

  it('moving a multi-member gemeente out of one of its regions keeps the other', () => {
    const overlap = startDraft(gridLayerFile('overlap', false, true), { nl: 'O', en: 'O' }, TODAY);
    const moved = moveMunicipality(overlap, 'GM0002', 'M1', 'M2', ALL);
    expect(regionCodesOf(moved, 'GM0002')).toEqual(['M2']);
    expect(moved.meta.coverage).toEqual({ isComplete: false, allowsMultiMembership: true });
  });

  it('removing a gemeente (to null) makes a complete layer incomplete, also without the list of codes', () => {
    const removed = moveMunicipality(rowsDraft(), 'GM0009', 'R3', null);
    expect(regionCodesOf(removed, 'GM0009')).toEqual([]);
    expect(removed.meta.coverage.isComplete).toBe(false);
  });

  it('adding the last uncovered gemeente makes the layer complete when the codes are given', () => {
    const partial = startDraft(gridLayerFile('partial', false), { nl: 'P', en: 'P' }, TODAY);
    let layer = partial;
    for (const code of ['GM0003', 'GM0006', 'GM0007', 'GM0008']) layer = moveMunicipality(layer, code, null, 'P1', ALL);
    expect(layer.meta.coverage.isComplete).toBe(false);
    layer = moveMunicipality(layer, 'GM0009', null, 'P1', ALL);
    expect(layer.meta.coverage.isComplete).toBe(true);
  });

  it('a move to the same region changes nothing', () => {
    const draft = rowsDraft();
    expect(moveMunicipality(draft, 'GM0005', 'R2', 'R2')).toBe(draft);
  });

  it.each([
    ['a built-in layer', () => moveMunicipality(gridLayerFile('rows', true), 'GM0005', 'R2', 'R1'), 'not a user layer'],
    ['an unknown target region', () => moveMunicipality(rowsDraft(), 'GM0005', 'R2', 'R9'), 'no region R9'],
    [
      'a gemeente not in the source region',
      () => moveMunicipality(rowsDraft(), 'GM0005', 'R1', 'R3'),
      'not in region R1',
    ],
  ])('throws for %s', (_, move, message) => {
    expect(move).toThrow(message);
  });
});

describe('renameLayer', () => {
  it('renames in both languages, cleaned, keeping the id', () => {
    const draft = rowsDraft();
    const renamed = renameLayer(draft, '  Mijn\tindeling <b>  ');
    expect(renamed.meta.name).toEqual({ nl: 'Mijn indeling <b>', en: 'Mijn indeling <b>' });
    expect(renamed.meta.id).toBe(draft.meta.id);
    expect(renameLayer(draft, { nl: 'Noord', en: 'North' }).meta.name).toEqual({ nl: 'Noord', en: 'North' });
  });

  it('refuses an empty name', () => {
    expect(() => renameLayer(rowsDraft(), ' \u0007 ')).toThrow(DataError);
  });
});
