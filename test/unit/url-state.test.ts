import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  CONGRUENCE_SHOWS,
  EMPTY_VIEW,
  IGNORED_SHOWN,
  summarizeIgnored,
  parseViewState,
  serializeViewState,
  yearOfSearch,
  type ViewState,
} from '../../src/lib/state/url-state';

const known = {
  years: new Set([2015, 2016, 2025]),
  layerIds: new Set(['jeugdregio-2025', 'veiligthuis-2025', 'cjg-2025']),
  municipalityCodes: new Set(['GM0363', 'GM0014']),
  metrics: new Set(['ari', 'nmi']),
};

describe('parseViewState', () => {
  it('reads every parameter of a full link', () => {
    const { state, ignored } = parseViewState(
      '?lang=en&year=2016&layers=jeugdregio-2025,cjg-2025&fill=cjg-2025&gm=GM0363&via=cjg-2025&pair=jeugdregio-2025,veiligthuis-2025&panel=pair&metric=ari&map=5.1,52.2,7.5',
      known,
    );
    expect(ignored).toEqual([]);
    expect(state).toEqual({
      lang: 'en',
      year: 2016,
      layers: ['jeugdregio-2025', 'cjg-2025'],
      fill: 'cjg-2025',
      municipality: 'GM0363',
      regionLayer: 'cjg-2025',
      pair: ['jeugdregio-2025', 'veiligthuis-2025'],
      set: null,
      show: null,
      panel: 'pair',
      metric: 'ari',
      camera: { lng: 5.1, lat: 52.2, zoom: 7.5 },
      clean: false,
    });
  });

  it('drops unknown layers, codes and values, and says which', () => {
    const { state, ignored } = parseViewState(
      '?lang=fr&layers=jeugdregio-2016,jeugdregio-2025&gm=GM9999&pair=cjg-2025,cjg-2025&map=120,10,3&metric=x&foo=1',
      known,
    );
    expect(state.lang).toBeNull();
    expect(state.layers).toEqual(['jeugdregio-2025']);
    expect(state.municipality).toBeNull();
    expect(state.pair).toBeNull();
    expect(state.camera).toBeNull();
    expect(ignored.map((i) => i.param)).toEqual(['lang', 'layers', 'gm', 'pair', 'map', 'metric', 'foo']);
  });

  it('reads the congruence map: its layouts (each known one, once) and what it shows', () => {
    const { state, ignored } = parseViewState(
      '?panel=congruence&set=jeugdregio-2025,veiligthuis-2025,cjg-2025&show=blocks',
      known,
    );
    expect(ignored).toEqual([]);
    expect([state.panel, state.set, state.show]).toEqual([
      'congruence',
      ['jeugdregio-2025', 'veiligthuis-2025', 'cjg-2025'],
      'blocks',
    ]);
    // An unknown id (a deleted own layer) is dropped on its own; one layout, or none, is a state the panel explains.
    const partly = parseViewState('?set=jeugdregio-2025,x,jeugdregio-2025&show=everything', known);
    expect(partly.state.set).toEqual(['jeugdregio-2025']);
    expect(partly.ignored).toEqual([
      { param: 'set', value: 'x' },
      { param: 'show', value: 'everything' },
    ]);
    expect(parseViewState('?set=', known).state.set).toEqual([]);
  });

  it('reads the clean presentation view and ignores other views', () => {
    expect(parseViewState('?view=clean', known).state.clean).toBe(true);
    expect(parseViewState('', known).state.clean).toBe(false);
    const other = parseViewState('?view=full', known);
    expect([other.state.clean, other.ignored]).toEqual([false, [{ param: 'view', value: 'full' }]]);
    expect(serializeViewState({ ...EMPTY_VIEW, clean: true })).toBe('?view=clean');
  });

  it('reads a year the data has, and ignores others (the newest then applies)', () => {
    expect(parseViewState('?year=2015', known).state.year).toBe(2015);
    expect(parseViewState('', known).state.year).toBeNull();
    for (const value of ['2017', '16', '2016.0', ' 2016', '2e3', '']) {
      const { state, ignored } = parseViewState(`?year=${encodeURIComponent(value)}`, known);
      expect(state.year).toBeNull();
      expect(ignored).toEqual([{ param: 'year', value }]);
    }
  });

  it('reads the year of a link before anything is loaded', () => {
    expect(yearOfSearch('?layers=x&year=2016')).toBe(2016);
    expect(yearOfSearch('?year=16')).toBeNull();
    expect(yearOfSearch('?layers=x')).toBeNull();
  });

  it('distinguishes "no layers" from "layers not in the link"', () => {
    expect(parseViewState('?layers=', known).state.layers).toEqual([]);
    expect(parseViewState('', known).state.layers).toBeNull();
  });

  it('accepts a lower-case gemeente code', () => {
    expect(parseViewState('?gm=gm0014', known).state.municipality).toBe('GM0014');
  });

  it('treats hostile values as unknown text', () => {
    const { state, ignored } = parseViewState('?layers=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E', known);
    // No known layer named: the default layers apply (null), not an empty map.
    expect(state.layers).toBeNull();
    expect(ignored[0]!.value).toBe('<img src=x onerror=alert(1)>');
  });
});

describe('links that say too little or far too much', () => {
  it('falls back to the default layers when none of the named layers is known, and says so', () => {
    const { state, ignored } = parseViewState('?layers=x,y', known);
    expect(state.layers).toBeNull();
    expect(ignored.map((i) => i.value)).toEqual(['x', 'y']);
    // An empty list is a choice: nothing shown.
    expect(parseViewState('?layers=', known).state.layers).toEqual([]);
  });

  it('drops a panel without what it shows, with a notice', () => {
    for (const [search, panel] of [
      ['?panel=pair', 'pair'],
      ['?panel=profile', 'profile'],
      ['?panel=region&via=cjg-2025', 'region'],
    ] as const) {
      const { state, ignored } = parseViewState(search, known);
      expect(state.panel).toBeNull();
      expect(ignored).toContainEqual({ param: 'panel', value: panel });
    }
    expect(parseViewState('?panel=profile&gm=GM0363', known).state.panel).toBe('profile');
  });

  it('never throws on any query string, still reads the known parameters, and keeps the notice bounded', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.string(), fc.string()), { maxLength: 200 }),
        fc.string({ maxLength: 5000 }),
        (pairs, raw) => {
          const junk = pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
          for (const search of [`?${junk}&lang=en&gm=GM0363`, `?${raw}&lang=en&gm=GM0363`]) {
            const { state, ignored } = parseViewState(search, known);
            expect(state.lang).toBe('en');
            expect(state.municipality).toBe('GM0363');
            const { shown } = summarizeIgnored(ignored);
            expect(shown.join(', ').length).toBeLessThanOrEqual(IGNORED_SHOWN * 90);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('summarizes hundreds of ignored parameters in a bounded notice', () => {
    const junk = Array.from({ length: 600 }, (_, i) => `p${i}=${'x'.repeat(i)}`).join('&');
    const { ignored } = parseViewState(`?${junk}&lang=en`, known);
    expect(ignored).toHaveLength(600);
    const { shown, more } = summarizeIgnored(ignored);
    expect(shown).toHaveLength(IGNORED_SHOWN);
    expect(more).toBe(600 - IGNORED_SHOWN);
    for (const item of shown) expect(item.length).toBeLessThanOrEqual(2 * 41 + 1);
  });
});

describe('serializeViewState', () => {
  it('writes nothing for the default view', () => {
    expect(serializeViewState(EMPTY_VIEW)).toBe('');
  });

  it('round-trips any valid view (camera rounded)', () => {
    const layerId = fc.constantFrom(...known.layerIds);
    const view = fc.record<ViewState>({
      lang: fc.constantFrom(null, 'nl' as const, 'en' as const),
      year: fc.option(fc.constantFrom(...known.years)),
      layers: fc.option(fc.uniqueArray(layerId, { maxLength: 3 })),
      fill: fc.option(fc.oneof(layerId, fc.constant('none' as const))),
      municipality: fc.option(fc.constantFrom(...known.municipalityCodes)),
      regionLayer: fc.option(layerId),
      pair: fc.option(fc.uniqueArray(layerId, { minLength: 2, maxLength: 2 }).map((p) => p as [string, string])),
      set: fc.option(fc.uniqueArray(layerId, { maxLength: 3 })),
      show: fc.option(fc.constantFrom(...CONGRUENCE_SHOWS)),
      panel: fc.constantFrom(
        null,
        'matrix' as const,
        'pair' as const,
        'profile' as const,
        'region' as const,
        'congruence' as const,
      ),
      metric: fc.option(fc.constantFrom(...known.metrics)),
      camera: fc.option(
        fc.record({
          lng: fc.integer({ min: 30000, max: 80000 }).map((v) => v / 10000),
          lat: fc.integer({ min: 500000, max: 540000 }).map((v) => v / 10000),
          zoom: fc.integer({ min: 0, max: 2200 }).map((v) => v / 100),
        }),
      ),
      clean: fc.boolean(),
    });
    // A panel without what it shows is not a valid view (the parser drops it with a notice; tested above).
    const isValid = (v: ViewState) =>
      !(v.panel === 'pair' && v.pair === null) &&
      !((v.panel === 'profile' || v.panel === 'region') && v.municipality === null);
    fc.assert(
      fc.property(view.filter(isValid), (v) => {
        const { state, ignored } = parseViewState(serializeViewState(v), known);
        expect(ignored).toEqual([]);
        expect(state).toEqual(v);
      }),
    );
  });
});
