/** The runtime parser of `former-municipalities-<year>.json` and the manifest's `former` entry. */
import { describe, expect, it } from 'vitest';
import { parseFormerMunicipalities, parseManifest } from '../../src/lib/data/parse';
import type { FormerMunicipalitiesFile, Manifest } from '../../src/lib/types';
import { errorOf, mutate, type Json } from '../fixtures/data-errors';

const SHA = 'b'.repeat(64);
const SOURCE = { citation: 'Test', licence: 'CC BY 4.0', referenceDate: '2025-01-01' };
const CODES = new Set(['GM0001', 'GM0002', 'GM0003']);

/** Written out of order on purpose: the parser sorts gemeenten by code and transfers by date, share, code. */
const FILE: FormerMunicipalitiesFile = {
  format: 'samenwerkingsatlas/former-municipalities@1',
  geometryId: 'gemeenten-2025',
  source: SOURCE,
  municipalities: [
    {
      code: 'GM0009',
      name: 'Gesplitst',
      transfers: [
        { code: 'GM0001', date: '2021-01-01', kind: 'split', areaShare: 0.3, source: 'B' },
        { code: 'GM0003', date: '2021-01-01', kind: 'split', areaShare: 0.3, source: 'B' },
        { code: 'GM0002', date: '2021-01-01', kind: 'split', areaShare: 0.4, source: 'B' },
        {
          code: 'GM0002',
          date: '2016-01-01',
          kind: 'boundary-correction',
          areaShare: 0.05,
          source: 'C',
          via: [{ code: 'GM0008', name: 'Tussen', date: '2022-03-24', kind: 'light-merger', source: 'D' }],
        },
      ],
    },
    {
      code: 'GM0008',
      name: 'Tussen',
      transfers: [{ code: 'GM0002', date: '2022-03-24', kind: 'light-merger', areaShare: 1, source: 'D' }],
    },
  ],
};

describe('parseFormerMunicipalities', () => {
  it('accepts a valid file and sorts gemeenten by code, transfers by date, largest share, code', () => {
    const parsed = parseFormerMunicipalities(structuredClone(FILE), 'f.json', CODES);
    expect(parsed.municipalities.map((m) => m.code)).toEqual(['GM0008', 'GM0009']);
    expect(parsed.municipalities[1]!.transfers.map((t) => `${t.date} ${t.code}`)).toEqual([
      '2016-01-01 GM0002',
      '2021-01-01 GM0002',
      '2021-01-01 GM0001',
      '2021-01-01 GM0003',
    ]);
    expect(parsed.municipalities[1]!.transfers[0]!.via).toEqual(FILE.municipalities[0]!.transfers[3]!.via);
    expect(parsed.geometryId).toBe('gemeenten-2025');
  });

  it.each<[string, (f: Json) => void, string]>([
    ['wrong format', (f) => (f.format = 'x'), 'format: expected "samenwerkingsatlas/former-municipalities@1"'],
    [
      'a current gemeente as former',
      (f) => (f.municipalities[1].code = 'GM0001'),
      'municipalities[1] (GM0001).code: GM0001 is a current gemeente, not a former one',
    ],
    [
      'a receiver outside the geometry',
      (f) => (f.municipalities[1].transfers[0].code = 'GM0007'),
      'municipalities[1] (GM0008).transfers[0].code: receiver GM0007 is not a gemeente of the geometry',
    ],
    ['a bad code', (f) => (f.municipalities[0].code = '0009'), 'municipalities[0].code: expected a gemeente code'],
    [
      'a zero share',
      (f) => (f.municipalities[1].transfers[0].areaShare = 0),
      'transfers[0].areaShare: expected a share in (0, 1], got 0',
    ],
    [
      'a share above 1',
      (f) => (f.municipalities[1].transfers[0].areaShare = 1.2),
      'transfers[0].areaShare: expected a share in (0, 1], got 1.2',
    ],
    ['a bad date', (f) => (f.municipalities[1].transfers[0].date = '2022-3-24'), 'transfers[0].date: expected a date'],
    [
      'an unknown kind',
      (f) => (f.municipalities[1].transfers[0].kind = 'fusie'),
      'transfers[0].kind: expected one of merger, merger-kept-code, light-merger, absorbed, split, boundary-correction, rename, got "fusie"',
    ],
    [
      'no transfers',
      (f) => (f.municipalities[1].transfers = []),
      '(GM0008).transfers: a former gemeente needs at least',
    ],
    ['an empty via', (f) => (f.municipalities[0].transfers[3].via = []), 'transfers[3].via: empty'],
    [
      'a via without name',
      (f) => delete f.municipalities[0].transfers[3].via[0].name,
      'via[0].name: expected a string',
    ],
    [
      'a duplicate gemeente',
      (f) => f.municipalities.push(f.municipalities[0]),
      'municipalities: former gemeente code "GM0009" appears twice',
    ],
  ])('rejects %s', (_, change, expected) => {
    const error = errorOf(() => parseFormerMunicipalities(mutate(FILE, change), 'data/f.json', CODES));
    expect(error.message).toContain('data/f.json: ');
    expect(error.message).toContain(expected);
  });
});

describe('parseManifest: former entry', () => {
  const manifest: Manifest = {
    format: 'samenwerkingsatlas/manifest@1',
    geometries: [
      {
        id: 'gemeenten-2025',
        year: 2025,
        file: 'municipalities-2025.topo.json',
        sha256: SHA,
        municipalityCount: 3,
        source: SOURCE,
        inhabitantsDate: null,
        inhabitantsSource: null,
        former: { file: 'former-municipalities-2025.json', sha256: SHA, count: 2 },
      },
    ],
    layers: [],
  };

  it('keeps a valid former entry', () => {
    expect(parseManifest(structuredClone(manifest), 'm.json')).toEqual(manifest);
  });

  it('checks its file, checksum and count', () => {
    const bad = (change: (m: Json) => void) => errorOf(() => parseManifest(mutate(manifest, change), 'm.json')).message;
    expect(bad((m) => (m.geometries[0].former.file = '../x.json'))).toContain('geometries[0].former.file: expected a');
    expect(bad((m) => (m.geometries[0].former.sha256 = 'x'))).toContain('geometries[0].former.sha256: expected a');
    expect(bad((m) => (m.geometries[0].former.count = -2))).toContain('geometries[0].former.count: expected a count');
    expect(bad((m) => (m.geometries[0].former = 'x.json'))).toContain('geometries[0].former: expected an object');
  });
});
