import { describe, expect, it } from 'vitest';
import {
  checkLayerAgainstTopology,
  isIsoDate,
  parseLayerFile,
  parseManifest,
  parseMunicipalityTopology,
} from '../../src/lib/data/parse';
import type { LayerFile, Manifest } from '../../src/lib/types';
import { errorOf, mutate, type Json } from '../fixtures/data-errors';

const SHA = 'a'.repeat(64);

const SOURCE = { citation: 'Test', licence: 'CC BY 4.0', referenceDate: '2025-01-01' };

const MANIFEST: Manifest = {
  format: 'samenwerkingsatlas/manifest@1',
  geometries: [
    {
      id: 'gemeenten-2025',
      year: 2025,
      file: 'municipalities-2025.topo.json',
      sha256: SHA,
      municipalityCount: 2,
      source: SOURCE,
      inhabitantsDate: null,
      inhabitantsSource: null,
    },
  ],
  layers: [
    {
      id: 'test-2025',
      file: 'layers/test-2025.json',
      sha256: SHA,
      geometryId: 'gemeenten-2025',
      regionCount: 1,
      coveredCount: 2,
    },
  ],
};

const LAYER: LayerFile = {
  format: 'samenwerkingsatlas/layer@1',
  meta: {
    id: 'test-2025',
    kind: 'test',
    year: 2025,
    geometryId: 'gemeenten-2025',
    domain: 'bestuur',
    name: { nl: 'Testregio’s', en: 'Test regions' },
    regionNoun: { nl: 'testregio', en: 'test region' },
    description: { nl: 'Test.', en: 'Test.' },
    source: SOURCE,
    coverage: { isComplete: true, allowsMultiMembership: false },
    color: '#0072B2',
    isDefaultVisible: false,
  },
  regions: [
    { code: 'R2', name: 'Twee', members: ['GM0002'] },
    { code: 'R1', name: 'Een', members: ['GM0003', 'GM0001'], note: 'bron' },
  ],
};

/** One unit square (two arcs) as GM0001, and a MultiPolygon GM0002 on the same arcs. */
const TOPOLOGY = {
  type: 'Topology',
  transform: { scale: [1, 1], translate: [0, 0] },
  arcs: [
    [
      [0, 0],
      [1, 0],
      [0, 1],
    ],
    [
      [1, 1],
      [-1, 0],
      [0, -1],
    ],
  ],
  objects: {
    municipalities: {
      type: 'GeometryCollection',
      geometries: [
        { type: 'Polygon', id: 'GM0001', arcs: [[0, 1]], properties: { name: 'Een', areaKm2: 1.5, inhabitants: 10 } },
        {
          type: 'MultiPolygon',
          id: 'GM0002',
          arcs: [[[~1, ~0]]],
          properties: { name: 'Twee', areaKm2: 0, inhabitants: null },
        },
      ],
    },
  },
};

describe('parseManifest', () => {
  it('accepts a valid manifest and returns it', () => {
    expect(parseManifest(structuredClone(MANIFEST), 'manifest.json')).toEqual(MANIFEST);
  });

  it.each<[string, (m: Json) => void, string]>([
    [
      'missing format',
      (m) => (m.format = undefined),
      'format: expected "samenwerkingsatlas/manifest@1", got undefined',
    ],
    ['wrong format', (m) => (m.format = 'other@1'), 'format: expected "samenwerkingsatlas/manifest@1", got "other@1"'],
    ['geometries not an array', (m) => (m.geometries = {}), 'geometries: expected an array, got an object'],
    ['missing year', (m) => delete m.geometries[0].year, 'geometries[0].year: expected a number, got undefined'],
    ['fractional year', (m) => (m.geometries[0].year = 2025.5), 'geometries[0].year: expected a whole number'],
    ['bad checksum', (m) => (m.geometries[0].sha256 = 'ABC'), 'geometries[0].sha256: expected a SHA-256'],
    ['absolute file', (m) => (m.geometries[0].file = '/etc/passwd'), 'geometries[0].file: expected a relative path'],
    ['file outside', (m) => (m.layers[0].file = 'layers/../../x.json'), 'layers[0].file: expected a relative path'],
    ['url as file', (m) => (m.layers[0].file = 'https://example.org/x.json'), 'layers[0].file: expected a relative'],
    [
      'bad date',
      (m) => (m.geometries[0].inhabitantsDate = '2024-02-30'),
      'geometries[0].inhabitantsDate: expected a date',
    ],
    ['bad source', (m) => delete m.geometries[0].source.licence, 'geometries[0].source.licence: expected a string'],
    ['negative count', (m) => (m.layers[0].regionCount = -1), 'layers[0].regionCount: expected a count (≥ 0), got -1'],
    ['unknown geometry', (m) => (m.layers[0].geometryId = 'x'), 'layers[0].geometryId: geometry "x" is not in'],
    ['duplicate layer', (m) => m.layers.push(m.layers[0]), 'layers: layer id "test-2025" appears twice'],
    [
      'duplicate geometry',
      (m) => m.geometries.push(m.geometries[0]),
      'geometries: geometry id "gemeenten-2025" appears',
    ],
    ['empty id', (m) => (m.layers[0].id = ' '), 'layers[0].id: empty text'],
  ])('rejects %s', (_, change, expected) => {
    const error = errorOf(() => parseManifest(mutate(MANIFEST, change), 'data/manifest.json'));
    expect(error.message).toContain(`data/manifest.json: ${expected}`);
    expect(error.file).toBe('data/manifest.json');
  });

  it('rejects a non-object', () => {
    expect(errorOf(() => parseManifest([], 'm.json')).message).toBe('m.json: expected an object, got an array');
    expect(errorOf(() => parseManifest(null, 'm.json')).message).toBe('m.json: expected an object, got null');
  });
});

describe('parseLayerFile', () => {
  it('accepts a valid layer and returns regions sorted by code, members sorted', () => {
    const parsed = parseLayerFile(structuredClone(LAYER), 'layers/test-2025.json');
    expect(parsed.meta).toEqual(LAYER.meta);
    expect(parsed.regions).toEqual([
      { code: 'R1', name: 'Een', members: ['GM0001', 'GM0003'], note: 'bron' },
      { code: 'R2', name: 'Twee', members: ['GM0002'] },
    ]);
  });

  it('keeps optional dash and layout2011 (whose cells may be blank)', () => {
    const layout2011 = {
      layoutName: 'GGD',
      regionCount: '28',
      hasNationalCoverage: 'Ja',
      since: '',
      isCooperationImposed: '',
      isLayoutImposed: '',
      legalBasis: 'Ja',
      citation: 'Tabel 6',
    };
    const input = mutate(LAYER, (l) => Object.assign(l.meta, { dash: [4, 2], layout2011 }));
    const parsed = parseLayerFile(input, 'l.json');
    expect(parsed.meta.dash).toEqual([4, 2]);
    expect(parsed.meta.layout2011).toEqual(layout2011);
  });

  it('accepts a gemeente in two regions when multi-membership is allowed', () => {
    const input = mutate(LAYER, (l) => {
      l.meta.coverage.allowsMultiMembership = true;
      l.regions[0].members.push('GM0001');
    });
    expect(parseLayerFile(input, 'l.json').regions[1]?.members).toEqual(['GM0001', 'GM0002']);
  });

  it.each<[string, (l: Json) => void, string]>([
    ['wrong format', (l) => (l.format = 'x'), 'format: expected "samenwerkingsatlas/layer@1", got "x"'],
    ['missing meta', (l) => delete l.meta, 'meta: expected an object, got undefined'],
    ['id not kind-year', (l) => (l.meta.id = 'test'), 'meta.id: expected "test-2025" (kind-year), got "test"'],
    ['unknown domain', (l) => (l.meta.domain = 'sport'), 'meta.domain: expected one of eigen, jeugd, zorg-welzijn'],
    ['missing English name', (l) => delete l.meta.name.en, 'meta.name.en: expected a string, got undefined'],
    ['bad colour', (l) => (l.meta.color = 'blue'), 'meta.color: expected a colour #rrggbb, got "blue"'],
    ['bad reference date', (l) => (l.meta.source.referenceDate = '2025'), 'meta.source.referenceDate: expected a date'],
    ['non-boolean coverage', (l) => (l.meta.coverage.isComplete = 'yes'), 'meta.coverage.isComplete: expected true'],
    ['negative dash', (l) => (l.meta.dash = [4, -2]), 'meta.dash: expected non-negative dash lengths'],
    ['layout2011 cell', (l) => (l.meta.layout2011 = { layoutName: 'X', citation: 'Y' }), 'meta.layout2011.regionCount'],
    ['regions not an array', (l) => (l.regions = null), 'regions: expected an array, got null'],
    ['empty region', (l) => (l.regions[0].members = []), 'regions[0].members: a region needs at least one gemeente'],
    ['member not a string', (l) => (l.regions[0].members = [363]), 'regions[0].members[0]: expected a string, got 363'],
    [
      'duplicate member',
      (l) => l.regions[1].members.push('GM0001'),
      'regions[1].members: member "GM0001" appears twice',
    ],
    ['duplicate region', (l) => (l.regions[1].code = 'R2'), 'regions: region code "R2" appears twice'],
    ['missing region name', (l) => delete l.regions[0].name, 'regions[0].name: expected a string, got undefined'],
    ['empty note', (l) => (l.regions[1].note = ''), 'regions[1].note: empty text'],
    [
      'gemeente in two regions',
      (l) => l.regions[0].members.push('GM0001'),
      'regions: gemeente GM0001 is in regions R2 and R1, but the layer allows one region per gemeente',
    ],
  ])('rejects %s', (_, change, expected) => {
    const error = errorOf(() => parseLayerFile(mutate(LAYER, change), 'layers/test-2025.json'));
    expect(error.message).toContain(`layers/test-2025.json: ${expected}`);
  });
});

describe('parseMunicipalityTopology', () => {
  it('accepts a valid topology with Polygon and MultiPolygon gemeenten', () => {
    const parsed = parseMunicipalityTopology(structuredClone(TOPOLOGY), 't.json');
    expect(parsed.objects.municipalities.geometries.map((g) => g.id)).toEqual(['GM0001', 'GM0002']);
  });

  it('accepts a topology without transform and with other objects', () => {
    const input = mutate(TOPOLOGY, (t) => {
      delete t.transform;
      t.objects.water = { type: 'GeometryCollection', geometries: [] };
    });
    expect(() => parseMunicipalityTopology(input, 't.json')).not.toThrow();
  });

  const G0 = 'objects.municipalities.geometries[0] (GM0001)';
  it.each<[string, (t: Json) => void, string]>([
    ['not a Topology', (t) => (t.type = 'FeatureCollection'), 'type: expected "Topology", got "FeatureCollection"'],
    ['arcs not an array', (t) => (t.arcs = {}), 'arcs: expected an array, got an object'],
    ['one-point arc', (t) => (t.arcs[1] = [[0, 0]]), 'arcs[1]: an arc needs at least two positions'],
    ['bad position', (t) => (t.arcs[0][1] = [1, 'x']), 'arcs[0][1]: expected a position'],
    ['bad transform', (t) => (t.transform.scale = [1]), 'transform.scale: expected a position'],
    ['no municipalities', (t) => (t.objects = { gemeente_2025: {} }), 'objects.municipalities: missing'],
    ['not a collection', (t) => (t.objects.municipalities.type = 'Polygon'), 'objects.municipalities.type: expected'],
    [
      'geometry type',
      (t) => (t.objects.municipalities.geometries[0].type = 'Point'),
      `${G0}.type: expected "Polygon" or "MultiPolygon", got "Point"`,
    ],
    [
      'missing id',
      (t) => delete t.objects.municipalities.geometries[0].id,
      'objects.municipalities.geometries[0].id: expected a string, got undefined',
    ],
    [
      'numeric id',
      (t) => (t.objects.municipalities.geometries[1].id = 363),
      'objects.municipalities.geometries[1].id: expected a string, got 363',
    ],
    [
      'duplicate id',
      (t) => (t.objects.municipalities.geometries[1].id = 'GM0001'),
      'objects.municipalities.geometries: gemeente id "GM0001" appears twice',
    ],
    [
      'arc index out of range',
      (t) => (t.objects.municipalities.geometries[0].arcs = [[0, 2]]),
      `${G0}.arcs ring 0: arc index 2 does not exist (2 arcs)`,
    ],
    [
      'reversed arc index out of range',
      (t) => (t.objects.municipalities.geometries[0].arcs = [[0, ~2]]),
      `${G0}.arcs ring 0: arc index -3 does not exist`,
    ],
    ['empty ring', (t) => (t.objects.municipalities.geometries[0].arcs = [[]]), `${G0}.arcs ring 0: empty ring`],
    ['no rings', (t) => (t.objects.municipalities.geometries[0].arcs = []), `${G0}.arcs: no rings`],
    [
      'missing name',
      (t) => delete t.objects.municipalities.geometries[0].properties.name,
      `${G0}.properties.name: expected a string, got undefined`,
    ],
    [
      'area as text',
      (t) => (t.objects.municipalities.geometries[0].properties.areaKm2 = '1.5'),
      `${G0}.properties.areaKm2: expected a number, got "1.5"`,
    ],
    [
      'negative area',
      (t) => (t.objects.municipalities.geometries[0].properties.areaKm2 = -1),
      `${G0}.properties.areaKm2: negative area -1`,
    ],
    [
      'fractional inhabitants',
      (t) => (t.objects.municipalities.geometries[0].properties.inhabitants = 10.5),
      `${G0}.properties.inhabitants: expected a whole number, got 10.5`,
    ],
    [
      'missing inhabitants',
      (t) => delete t.objects.municipalities.geometries[0].properties.inhabitants,
      `${G0}.properties.inhabitants: expected a number, got undefined`,
    ],
  ])('rejects %s', (_, change, expected) => {
    const error = errorOf(() => parseMunicipalityTopology(mutate(TOPOLOGY, change), 'municipalities-2025.topo.json'));
    expect(error.message).toContain(`municipalities-2025.topo.json: ${expected}`);
  });
});

describe('checkLayerAgainstTopology', () => {
  const CODES = new Set(['GM0001', 'GM0002', 'GM0003']);

  it('accepts a complete layer whose codes all exist', () => {
    expect(() => checkLayerAgainstTopology(LAYER, CODES, 'l.json')).not.toThrow();
  });

  it('accepts a partial layer that covers only some gemeenten', () => {
    const partial = mutate(LAYER, (l) => {
      l.meta.coverage.isComplete = false;
      l.regions = [l.regions[0]];
    }) as LayerFile;
    expect(() => checkLayerAgainstTopology(partial, CODES, 'l.json')).not.toThrow();
  });

  it('lists every member code missing from the topology', () => {
    const { message } = errorOf(() => checkLayerAgainstTopology(LAYER, new Set(['GM0001']), 'layers/test-2025.json'));
    expect(message).toContain('layers/test-2025.json: layer test-2025 does not match the topology');
    expect(message).toContain('region R2: gemeente GM0002 is not in the topology');
    expect(message).toContain('region R1: gemeente GM0003 is not in the topology');
  });

  it('lists gemeenten without a region when the layer claims full coverage', () => {
    const codes = new Set([...CODES, 'GM0005', 'GM0004']);
    const { message } = errorOf(() => checkLayerAgainstTopology(LAYER, codes, 'l.json'));
    expect(message).toContain('the layer claims full coverage but has no region for 2 gemeente(n): GM0004, GM0005');
  });
});

describe('isIsoDate', () => {
  it.each([
    ['2025-01-01', true],
    ['2024-02-29', true],
    ['2025-02-29', false],
    ['2025-1-01', false],
    ['01-01-2025', false],
    ['2025-01-01T00:00', false],
  ])('%s → %s', (value, expected) => {
    expect(isIsoDate(value)).toBe(expected);
  });
});
