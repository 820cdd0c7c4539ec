import { describe, expect, it } from 'vitest';
import { buildAtlas, type Municipality } from '../../src/lib/data/atlas';
import { findMunicipality, lookupRegions, normalizeName, osaDistance } from '../../src/lib/data/lookup';
import { DataError } from '../../src/lib/errors';
import { GRID, GRID_GEOMETRY, gridLayerFile } from '../fixtures/grid';

function municipality(code: string, name: string): Municipality {
  return { code, name, areaKm2: 1, inhabitants: null };
}

/** Made-up sample with the awkward cases of real names: accents, apostrophes, province suffixes. */
const SAMPLE: Municipality[] = [
  municipality('GM0363', 'Amsterdam'),
  municipality('GM0362', 'Amstelveen'),
  municipality('GM0687', 'Middelburg (Z.)'),
  municipality('GM0796', "'s-Hertogenbosch"),
  municipality('GM1900', 'Súdwest-Fryslân'),
  municipality('GM0893', 'Bergen (L.)'),
  municipality('GM0373', 'Bergen (NH.)'),
  municipality('GM0518', "'s-Gravenhage"),
  municipality('GM0164', 'Hengelo'),
  municipality('GM1735', 'Hof van Twente'),
  municipality('GM0010', 'Delfzijl'),
  municipality('GM0503', 'Delft'),
];

const codeOf = (query: string) => findMunicipality(query, SAMPLE).match?.code;
const suggestionsFor = (query: string) => findMunicipality(query, SAMPLE).suggestions.map((m) => m.name);

describe('normalizeName', () => {
  it('lower-cases, strips accents and unifies apostrophes, hyphens, dots and spaces', () => {
    expect(normalizeName('Súdwest-Fryslân')).toBe('sudwest fryslan');
    expect(normalizeName("'s-Hertogenbosch")).toBe('s hertogenbosch');
    expect(normalizeName('’s‑Hertogenbosch')).toBe('s hertogenbosch');
    expect(normalizeName('  Middelburg   (Z.) ')).toBe('middelburg z');
    expect(normalizeName('Nuenen, Gerwen en Nederwetten')).toBe('nuenen gerwen en nederwetten');
  });
});

describe('findMunicipality', () => {
  it('accepts GM codes in any case, with or without GM and leading zeros', () => {
    for (const query of ['GM0363', 'gm0363', 'gm363', '0363', '363', ' GM 0363 ']) expect(codeOf(query)).toBe('GM0363');
    expect(findMunicipality('GM9999', SAMPLE)).toEqual({ suggestions: [] });
  });

  it('matches the normalized name, whatever the accents, hyphens or apostrophes', () => {
    expect(codeOf('sudwest fryslan')).toBe('GM1900');
    expect(codeOf('Súdwest Fryslân')).toBe('GM1900');
    expect(codeOf('SUDWEST-FRYSLAN')).toBe('GM1900');
    expect(codeOf("'s-Hertogenbosch")).toBe('GM0796');
    expect(codeOf('s hertogenbosch')).toBe('GM0796');
    expect(codeOf('shertogenbosch')).toBe('GM0796');
  });

  it('matches a name without its province suffix when that is unique', () => {
    expect(codeOf('Middelburg')).toBe('GM0687');
    expect(codeOf('middelburg (z.)')).toBe('GM0687');
    expect(codeOf('Bergen NH')).toBe('GM0373');
    expect(codeOf('Bergen (L.)')).toBe('GM0893');
  });

  it('offers both when the name without suffix is ambiguous', () => {
    expect(findMunicipality('Bergen', SAMPLE).match).toBeUndefined();
    expect(suggestionsFor('Bergen')).toEqual(['Bergen (L.)', 'Bergen (NH.)']);
  });

  it('prefers an exact name to a longer name it is a prefix of', () => {
    expect(codeOf('Delft')).toBe('GM0503');
    expect(codeOf('Delf')).toBeUndefined();
    expect(suggestionsFor('Delf')).toEqual(['Delft', 'Delfzijl']);
  });

  it('matches a unique prefix', () => {
    expect(codeOf('Amsterd')).toBe('GM0363');
    expect(codeOf('hof van')).toBe('GM1735');
    expect(codeOf("'s-Grav")).toBe('GM0518');
  });

  it('suggests the closest names for a misspelling, closest first', () => {
    expect(findMunicipality('Amsterdm', SAMPLE).match).toBeUndefined();
    expect(suggestionsFor('Amsterdm')).toEqual(['Amsterdam']);
    // One edit from Amstelveen, four from Amsterdam (more than the limit of 3 for nine letters).
    expect(suggestionsFor('Amstelven')).toEqual(['Amstelveen']);
    // A swap of two letters counts as one edit.
    expect(suggestionsFor('Hegnelo')).toEqual(['Hengelo']);
  });

  it('suggests nothing when nothing is close, and nothing for an empty query', () => {
    expect(findMunicipality('xyzzy', SAMPLE)).toEqual({ suggestions: [] });
    expect(findMunicipality(' - ', SAMPLE)).toEqual({ suggestions: [] });
  });

  it('returns at most five suggestions, in a fixed order', () => {
    const many = Array.from({ length: 8 }, (_, i) => municipality(`GM000${i}`, `Dorp ${8 - i}`));
    const { suggestions } = findMunicipality('Dorp', many);
    expect(suggestions.map((m) => m.name)).toEqual(['Dorp 1', 'Dorp 2', 'Dorp 3', 'Dorp 4', 'Dorp 5']);
  });
});

describe('osaDistance', () => {
  it('counts insertions, deletions, substitutions and adjacent swaps', () => {
    expect(osaDistance('', 'abc')).toBe(3);
    expect(osaDistance('abc', '')).toBe(3);
    expect(osaDistance('amsterdm', 'amsterdam')).toBe(1);
    expect(osaDistance('hegnelo', 'hengelo')).toBe(1);
    expect(osaDistance('kitten', 'sitting')).toBe(3);
    expect(osaDistance('ca', 'abc')).toBe(3);
  });
});

describe('lookupRegions', () => {
  const atlas = buildAtlas(GRID_GEOMETRY, GRID, [
    gridLayerFile('rows', true),
    gridLayerFile('partial', false),
    gridLayerFile('overlap', false, true),
  ]);

  it('gives every layer in registry order with the gemeente’s regions, by code', () => {
    const answer = lookupRegions(atlas, 'GM0005');
    expect(answer.map((a) => [a.layer.meta.id, a.regions.map((r) => r.code)])).toEqual([
      ['rows-2025', ['R2']],
      ['partial-2025', ['P1']],
      ['overlap-2025', ['M1', 'M2']],
    ]);
  });

  it('gives no regions where a partial layer does not cover the gemeente', () => {
    expect(lookupRegions(atlas, 'GM0009').map((a) => a.regions.map((r) => r.code))).toEqual([['R3'], [], []]);
  });

  it('throws DataError for a code outside the atlas', () => {
    expect(() => lookupRegions(atlas, 'GM0404')).toThrow(DataError);
    expect(() => lookupRegions(atlas, 'GM0404')).toThrow('Unknown gemeente code GM0404 (geometry grid-2025)');
  });
});
