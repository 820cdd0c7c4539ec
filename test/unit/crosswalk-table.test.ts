/**
 * Crosswalk table rows and their sort, on the 3×3 grid (test/fixtures/grid.ts). Expected values worked
 * out on paper from the layouts:
 *   rows  R1 Noordrij {1, 2, 3}, R2 Middenrij {4, 5, 6}, R3 Zuidrij {7, 8, 9}
 *   ell   L1 Hoek {1, 4, 7, 8, 9}, L2 Blok {2, 3, 5, 6}
 *   partial P1 Deel {1, 2, 4, 5} (the other five gemeenten uncovered)
 * Inhabitants: gemeente k has k·1000, except GM0009 (unknown).
 */
import { describe, expect, it } from 'vitest';
import { crosswalkRows, sortRows, type CrosswalkRow } from '../../src/lib/stats/crosswalk-table';
import { compareLayers } from '../../src/lib/stats/pair';
import { cellAreaKm2 } from '../fixtures/grid';
import { gridAtlas } from '../fixtures/grid-atlas';

const grid = gridAtlas();
const named = (...numbers: number[]) =>
  numbers.map((n) => ({ code: `GM000${n}`, name: grid.municipalitiesByCode.get(`GM000${n}`)!.name }));

describe('crosswalkRows', () => {
  it('rows against L/block, from A’s side', () => {
    const rows = crosswalkRows(grid, compareLayers(grid, 'rows-2025', 'ell-2025'));
    expect(rows.map((r) => r.code)).toEqual(['R1', 'R2', 'R3']);
    // Noordrij shares {1} with Hoek (1/7) and {2, 3} with Blok (2/5): Blok is the best match.
    expect(rows[0]).toEqual({
      code: 'R1',
      name: 'Noordrij',
      memberCount: 3,
      bestMatch: { code: 'L2', name: 'Blok' },
      jaccardByCount: 2 / 5,
      jaccardByArea: expect.any(Number),
      // Shared {2, 3}: 5000 of Noordrij's 6000 and Blok's 16000 → 5000 / (6000 + 16000 − 5000).
      jaccardByInhabitants: 5000 / 17000,
      touchedCount: 2,
      uncoveredCount: 0,
      isNested: false,
      isIdentical: false,
      relation: 'overlapping',
      onlyInRegion: [{ code: 'GM0001', name: 'Noordwest' }],
      onlyInMatch: [
        { code: 'GM0005', name: 'Midden' },
        { code: 'GM0006', name: 'Oost' },
      ],
      breakingCount: 3,
    });
    expect(rows[1]).toMatchObject({
      bestMatch: { code: 'L2' },
      onlyInRegion: named(4),
      onlyInMatch: named(2, 3),
      relation: 'overlapping',
    });
    // Zuidrij {7, 8, 9} lies inside Hoek: shared 3 of 5; by inhabitants 15000 / 20000 (GM0009 unknown).
    const north = cellAreaKm2(52.2, 52.3, 0.1);
    const middle = cellAreaKm2(52.1, 52.2, 0.1);
    const south = cellAreaKm2(52.0, 52.1, 0.1);
    expect(rows[2]).toMatchObject({
      code: 'R3',
      bestMatch: { code: 'L1', name: 'Hoek' },
      jaccardByCount: 3 / 5,
      jaccardByInhabitants: 15000 / 20000,
      touchedCount: 1,
      isNested: true,
      isIdentical: false,
      relation: 'nested',
      onlyInRegion: [],
      onlyInMatch: named(1, 4),
      breakingCount: 2,
    });
    expect(rows[2]!.jaccardByArea).toBeCloseTo((3 * south) / (north + middle + 3 * south), 12);
  });

  it('the same comparison from B’s side', () => {
    const rows = crosswalkRows(grid, compareLayers(grid, 'rows-2025', 'ell-2025'), 'b');
    expect(rows.map((r) => r.code)).toEqual(['L1', 'L2']);
    // Hoek: 1/7, 1/7 and 3/5 against the rows; Zuidrij wins.
    expect(rows[0]).toMatchObject({
      bestMatch: { code: 'R3', name: 'Zuidrij' },
      jaccardByCount: 3 / 5,
      touchedCount: 3,
      onlyInRegion: named(1, 4),
      onlyInMatch: [],
      relation: 'overlapping',
    });
    // Blok ties 2/5 with Noordrij and Middenrij, with 2 shared each: the lower code wins.
    expect(rows[1]).toMatchObject({
      bestMatch: { code: 'R1', name: 'Noordrij' },
      onlyInRegion: named(5, 6),
      onlyInMatch: named(1),
    });
  });

  it('gives the Jaccard indices of the best pair chosen by the comparison’s weight', () => {
    // By inhabitants Noordrij's best column is Oostkolom: 3000 / (6000 + 9000 − 3000) = 1/4; its count index is 1/5.
    const rows = crosswalkRows(grid, compareLayers(grid, 'rows-2025', 'columns-2025', { weight: 'inhabitants' }));
    expect(rows[0]).toMatchObject({
      bestMatch: { code: 'C3', name: 'Oostkolom' },
      jaccardByInhabitants: 1 / 4,
      jaccardByCount: 1 / 5,
    });
  });

  it('marks identical regions and leaves nothing breaking them', () => {
    const rows = crosswalkRows(grid, compareLayers(grid, 'ring-2025', 'cells-2025'));
    expect(rows[1]).toMatchObject({
      code: 'O2',
      bestMatch: { code: 'K5' },
      jaccardByCount: 1,
      isIdentical: true,
      isNested: true,
      relation: 'identical',
      breakingCount: 0,
    });
  });

  it('leaves a region that touches no region of a partial layer without a match', () => {
    const rows = crosswalkRows(grid, compareLayers(grid, 'rows-2025', 'partial-2025'));
    expect(rows[2]).toEqual({
      code: 'R3',
      name: 'Zuidrij',
      memberCount: 3,
      bestMatch: null,
      jaccardByCount: null,
      jaccardByArea: null,
      jaccardByInhabitants: null,
      touchedCount: 0,
      uncoveredCount: 3,
      isNested: false,
      isIdentical: false,
      relation: 'unmatched',
      onlyInRegion: named(7, 8, 9),
      onlyInMatch: [],
      breakingCount: 3,
    });
    // Noordrij meets Deel in {1, 2}: 2 / (3 + 4 − 2); GM0003 is uncovered.
    expect(rows[0]).toMatchObject({ jaccardByCount: 2 / 5, uncoveredCount: 1, onlyInMatch: named(4, 5) });
  });
});

describe('sortRows', () => {
  const rows = crosswalkRows(grid, compareLayers(grid, 'rows-2025', 'ell-2025'));
  const codes = (sorted: CrosswalkRow[]) => sorted.map((r) => r.code);

  it('sorts numbers both ways and keeps ties in their order', () => {
    // R1 and R2 both have 2/5.
    expect(codes(sortRows(rows, 'jaccardByCount', 'descending'))).toEqual(['R3', 'R1', 'R2']);
    expect(codes(sortRows(rows, 'jaccardByCount', 'ascending'))).toEqual(['R1', 'R2', 'R3']);
    expect(codes(sortRows(rows, 'touchedCount', 'descending'))).toEqual(['R1', 'R2', 'R3']);
    expect(codes(sortRows(rows, 'breakingCount', 'ascending'))).toEqual(['R3', 'R1', 'R2']);
  });

  it('sorts relations by agreement', () => {
    expect(codes(sortRows(rows, 'relation', 'descending'))).toEqual(['R3', 'R1', 'R2']);
    expect(codes(sortRows(rows, 'relation', 'ascending'))).toEqual(['R1', 'R2', 'R3']);
  });

  it('sorts text by Dutch collation, and best matches by their name', () => {
    expect(codes(sortRows(rows, 'name', 'ascending'))).toEqual(['R2', 'R1', 'R3']); // Midden-, Noord-, Zuidrij
    expect(codes(sortRows(rows, 'name', 'descending'))).toEqual(['R3', 'R1', 'R2']);
    expect(codes(sortRows(rows, 'bestMatch', 'ascending'))).toEqual(['R1', 'R2', 'R3']); // Blok, Blok, Hoek
    const renamed = ['Regio 10', 'regio 9', 'Émmen', 'Ede'].map((name, i) => ({ ...rows[0]!, code: `X${i}`, name }));
    // Accents and case count only to break ties; digits compare as numbers.
    expect(sortRows(renamed, 'name', 'ascending').map((r) => r.name)).toEqual(['Ede', 'Émmen', 'regio 9', 'Regio 10']);
  });

  it('puts nulls last in either direction', () => {
    const partial = crosswalkRows(grid, compareLayers(grid, 'rows-2025', 'partial-2025'));
    expect(codes(sortRows(partial, 'jaccardByCount', 'ascending'))).toEqual(['R1', 'R2', 'R3']);
    expect(codes(sortRows(partial, 'jaccardByCount', 'descending'))).toEqual(['R1', 'R2', 'R3']);
    expect(codes(sortRows(partial, 'bestMatch', 'descending'))).toEqual(['R1', 'R2', 'R3']);
  });

  it('returns a new array and leaves its input alone', () => {
    const before = codes(rows);
    const sorted = sortRows(rows, 'code', 'descending');
    expect(codes(sorted)).toEqual(['R3', 'R2', 'R1']);
    expect(codes(rows)).toEqual(before);
  });
});
