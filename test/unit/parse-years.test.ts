/**
 * The fields the years added to the data files: a gemeente's `parts` (its gemeenten of 2015) in the
 * municipalities topology, and a layer's `alsoIn` (how another source of the same layout compares).
 */
import { describe, expect, it } from 'vitest';
import { parseLayerFile, parseMunicipalityTopology } from '../../src/lib/data/parse';
import type { LayerFile, MunicipalityGeometry } from '../../src/lib/types';
import { errorOf, mutate, type Json } from '../fixtures/data-errors';

/** Two gemeenten on one unit square's arcs: Gooise Meren of three 2015 gemeenten, and one of itself. */
const TOPOLOGY = {
  type: 'Topology',
  arcs: [
    [
      [0, 0],
      [1, 0],
      [1, 1],
    ],
    [
      [1, 1],
      [0, 1],
      [0, 0],
    ],
  ],
  objects: {
    municipalities: {
      type: 'GeometryCollection',
      geometries: [
        {
          type: 'Polygon',
          id: 'GM1942',
          arcs: [[0, 1]],
          properties: { name: 'Gooise Meren', areaKm2: 1, inhabitants: 10, parts: ['GM0381', 'GM0424', 'GM0425'] },
        },
        {
          type: 'Polygon',
          id: 'GM0457',
          arcs: [[~1, ~0]],
          properties: { name: 'Weesp', areaKm2: 1, inhabitants: 5, parts: ['GM0457'] },
        },
      ],
    },
  },
};

describe('parseMunicipalityTopology: parts', () => {
  it('accepts parts and keeps them; they are optional', () => {
    const parsed = parseMunicipalityTopology(structuredClone(TOPOLOGY), 't.json');
    const geometries = parsed.objects.municipalities.geometries as MunicipalityGeometry[];
    expect(geometries.map((g) => g.properties?.parts)).toEqual([['GM0381', 'GM0424', 'GM0425'], ['GM0457']]);
    const without = mutate(TOPOLOGY, (t) => delete t.objects.municipalities.geometries[0].properties.parts);
    expect(parseMunicipalityTopology(without, 't.json').objects.municipalities.geometries[0]!.properties).toEqual({
      name: 'Gooise Meren',
      areaKm2: 1,
      inhabitants: 10,
    });
  });

  const P = 'objects.municipalities.geometries[0] (GM1942).properties.parts';
  it.each<[string, unknown, string]>([
    ['not an array', 'GM0381', `${P}: expected an array, got "GM0381"`],
    ['empty', [], `${P}: expected at least one gemeente code`],
    ['not a GM code', ['GM0381', '0424'], `${P}[1]: expected a gemeente code GMnnnn, got "0424"`],
    ['a number', [381], `${P}[0]: expected a string, got 381`],
    [
      'out of order',
      ['GM0424', 'GM0381'],
      `${P}[1]: expected codes in increasing order without repeats, got GM0381 after GM0424`,
    ],
    [
      'a repeat',
      ['GM0381', 'GM0381'],
      `${P}[1]: expected codes in increasing order without repeats, got GM0381 after GM0381`,
    ],
  ])('rejects parts %s', (_, parts, expected) => {
    const input = mutate(TOPOLOGY, (t: Json) => (t.objects.municipalities.geometries[0].properties.parts = parts));
    expect(errorOf(() => parseMunicipalityTopology(input, 'municipalities-2016.topo.json')).message).toBe(
      `municipalities-2016.topo.json: ${expected}`,
    );
  });
});

const SOURCE = { citation: 'CBS', licence: 'CC BY 4.0', referenceDate: '2016-01-01' };
const REGIOATLAS = {
  citation: 'RegioAtlas',
  url: 'https://example.org',
  licence: 'ODC-PDDL-1.0',
  referenceDate: '2016-03-21',
};
const LAYER: LayerFile = {
  format: 'samenwerkingsatlas/layer@1',
  meta: {
    id: 'jeugdregio-2016',
    kind: 'jeugdregio',
    year: 2016,
    geometryId: 'gemeenten-2016',
    domain: 'jeugd',
    name: { nl: "Jeugdzorgregio's", en: 'Youth care regions' },
    regionNoun: { nl: 'jeugdzorgregio', en: 'youth care region' },
    description: { nl: 'Test.', en: 'Test.' },
    source: SOURCE,
    coverage: { isComplete: true, allowsMultiMembership: false },
    color: '#0072B2',
    isDefaultVisible: true,
    alsoIn: { source: REGIOATLAS, agrees: false, differences: ['GM0450 Uitgeest: JZ10 IJmond | Noord-Kennemerland'] },
  },
  regions: [{ code: 'JZ10', name: 'IJmond', members: ['GM0450'] }],
};

describe('parseLayerFile: alsoIn', () => {
  it('keeps alsoIn, agreeing or not', () => {
    expect(parseLayerFile(structuredClone(LAYER), 'l.json').meta.alsoIn).toEqual(LAYER.meta.alsoIn);
    const agreeing = mutate(LAYER, (l: Json) => Object.assign(l.meta.alsoIn, { agrees: true, differences: [] }));
    expect(parseLayerFile(agreeing, 'l.json').meta.alsoIn).toEqual({
      source: REGIOATLAS,
      agrees: true,
      differences: [],
    });
  });

  const A = 'meta.alsoIn';
  it.each<[string, (l: Json) => void, string]>([
    ['not an object', (l) => (l.meta.alsoIn = 'RegioAtlas'), `${A}: expected an object, got "RegioAtlas"`],
    ['without a source', (l) => delete l.meta.alsoIn.source, `${A}.source: expected an object, got undefined`],
    [
      'with a bad date',
      (l) => (l.meta.alsoIn.source.referenceDate = '2016'),
      `${A}.source.referenceDate: expected a date`,
    ],
    ['agrees as text', (l) => (l.meta.alsoIn.agrees = 'ja'), `${A}.agrees: expected true or false, got "ja"`],
    ['an empty difference', (l) => (l.meta.alsoIn.differences = ['']), `${A}.differences[0]: empty text`],
    [
      'agreeing with differences',
      (l) => (l.meta.alsoIn.agrees = true),
      `${A}.agrees: true, but 1 difference(s) are listed`,
    ],
    [
      'differing without differences',
      (l) => (l.meta.alsoIn.differences = []),
      `${A}.agrees: false, but no difference is listed`,
    ],
  ])('rejects alsoIn %s', (_, change, expected) => {
    expect(errorOf(() => parseLayerFile(mutate(LAYER, change), 'layers/jeugdregio-2016.json')).message).toContain(
      `layers/jeugdregio-2016.json: ${expected}`,
    );
  });
});
