/**
 * The view in the URL: which layers are visible, what is selected, where the map looks, which language.
 * Pure: parses and writes query strings; the app pushes them into `history`.
 * Unknown or outdated values are dropped with a notice, never an error (a link from an older
 * version, or a layer that was renamed, still opens the app).
 */
import type { Atlas } from '../data/atlas';
import type { LayerId, MunicipalityCode } from '../types';
import type { Lang } from '../i18n/messages';
import { METRICS } from '../stats/pair';

/** Everything a link restores. `null` means "not in the link" (the app's default applies). */
export interface ViewState {
  lang: Lang | null;
  /** The year shown; null: the newest (links from before the years open today's atlas). */
  year: number | null;
  /** Visible layers; an empty list is a valid choice (nothing visible). */
  layers: LayerId[] | null;
  /** The filled layer; `'none'` means explicitly no fill. */
  fill: LayerId | 'none' | null;
  /** The selected gemeente (profile or region panel). */
  municipality: MunicipalityCode | null;
  /** The layer through which the selected gemeente's region is shown. */
  regionLayer: LayerId | null;
  /** An open layer pair (issue 3). */
  pair: [LayerId, LayerId] | null;
  /** The layouts of the congruence map (issue 11); fewer than two is a valid state (the panel asks for more). */
  set: LayerId[] | null;
  /** What the congruence map draws: the score per gemeente, the building blocks or the coarsest common groups. */
  show: CongruenceShow | null;
  /** The open statistics view, if any. */
  panel: 'matrix' | 'pair' | 'profile' | 'region' | 'congruence' | null;
  metric: string | null;
  /** Map centre (longitude, latitude) and zoom. */
  camera: { lng: number; lat: number; zoom: number } | null;
  /** `view=clean`: only the map, title, legend and sources, for screenshots and embedding. */
  clean: boolean;
}

/** What the congruence map draws (`show=`). */
export type CongruenceShow = 'score' | 'blocks' | 'groups';
export const CONGRUENCE_SHOWS: readonly CongruenceShow[] = ['score', 'blocks', 'groups'];

/** What the parser needs to know to reject outdated values. */
export interface KnownValues {
  /** The years the data has. */
  years: ReadonlySet<number>;
  layerIds: ReadonlySet<LayerId>;
  municipalityCodes: ReadonlySet<MunicipalityCode>;
  metrics: ReadonlySet<string>;
}

/** What a link may name in `atlas`: the data's `years`, the atlas's layers (the user's included) and gemeenten, and the metrics. */
export function knownValues(atlas: Atlas, years: readonly number[]): KnownValues {
  return {
    years: new Set(years),
    layerIds: new Set(atlas.layers.map((l) => l.meta.id)),
    municipalityCodes: new Set(atlas.municipalities.map((m) => m.code)),
    metrics: new Set(METRICS.map((m) => m.id)),
  };
}

/** A parameter that was ignored, for the notice ("ignored: layer 'x' (unknown)"). */
export interface IgnoredParam {
  param: string;
  value: string;
}

export const EMPTY_VIEW: ViewState = {
  lang: null,
  year: null,
  layers: null,
  fill: null,
  municipality: null,
  regionLayer: null,
  pair: null,
  set: null,
  show: null,
  panel: null,
  metric: null,
  camera: null,
  clean: false,
};

const PANELS = new Set(['matrix', 'pair', 'profile', 'region', 'congruence']);
// The Netherlands with a margin; a camera outside is not a view of this atlas.
const LNG_RANGE = [0, 10] as const;
const LAT_RANGE = [49, 56] as const;

/**
 * Read a view from a query string (`?layers=a,b&gm=GM0363…`), keeping only values that exist.
 * @example parseViewState('?lang=en&layers=x', known).state.lang // 'en'
 */
export function parseViewState(search: string, known: KnownValues): { state: ViewState; ignored: IgnoredParam[] } {
  const params = new URLSearchParams(search);
  const ignored: IgnoredParam[] = [];
  const state: ViewState = { ...EMPTY_VIEW };
  const ignore = (param: string, value: string) => ignored.push({ param, value });
  const layer = (param: string, value: string): LayerId | null => {
    if (known.layerIds.has(value)) return value;
    ignore(param, value);
    return null;
  };

  for (const [param, value] of params) {
    switch (param) {
      case 'lang':
        if (value === 'nl' || value === 'en') state.lang = value;
        else ignore(param, value);
        break;
      case 'year': {
        const year = Number(value);
        if (/^\d{4}$/.test(value) && known.years.has(year)) state.year = year;
        else ignore(param, value);
        break;
      }
      case 'layers': {
        // `layers=` (empty) is a choice: nothing shown. Ids none of which is known leave the default, not an empty map.
        const ids = value === '' ? [] : [...new Set(value.split(','))].flatMap((v) => layer(param, v) ?? []);
        if (value === '' || ids.length > 0) state.layers = ids;
        break;
      }
      case 'fill':
        state.fill = value === 'none' ? 'none' : layer(param, value);
        break;
      case 'gm': {
        const code = value.toUpperCase();
        if (known.municipalityCodes.has(code)) state.municipality = code;
        else ignore(param, value);
        break;
      }
      case 'via':
        state.regionLayer = layer(param, value);
        break;
      case 'pair': {
        const [a, b, ...rest] = value.split(',');
        if (a && b && rest.length === 0 && a !== b && known.layerIds.has(a) && known.layerIds.has(b))
          state.pair = [a, b];
        else ignore(param, value);
        break;
      }
      case 'set':
        // Each unknown id on its own is dropped (a deleted own layer), not the whole set.
        state.set = value === '' ? [] : [...new Set(value.split(','))].flatMap((v) => layer(param, v) ?? []);
        break;
      case 'show':
        if ((CONGRUENCE_SHOWS as readonly string[]).includes(value)) state.show = value as CongruenceShow;
        else ignore(param, value);
        break;
      case 'panel':
        if (PANELS.has(value)) state.panel = value as ViewState['panel'];
        else ignore(param, value);
        break;
      case 'view':
        if (value === 'clean') state.clean = true;
        else ignore(param, value);
        break;
      case 'metric':
        if (known.metrics.has(value)) state.metric = value;
        else ignore(param, value);
        break;
      case 'map': {
        const camera = parseCamera(value);
        if (camera) state.camera = camera;
        else ignore(param, value);
        break;
      }
      default:
        ignore(param, value);
    }
  }
  // A panel without what it shows (a pair without `pair=`, a profile without `gm=`) would open empty: say so.
  const needs = { pair: state.pair, profile: state.municipality, region: state.municipality };
  if (state.panel && state.panel in needs && needs[state.panel as keyof typeof needs] === null) {
    ignore('panel', state.panel);
    state.panel = null;
  }
  return { state, ignored };
}

/** How many ignored parameters a notice names; the rest it counts. */
export const IGNORED_SHOWN = 5;
/** Characters of an ignored value a notice shows. */
const IGNORED_VALUE_CHARS = 40;

/**
 * The ignored parameters as a notice lists them: the first IGNORED_SHOWN as `param=value` (values cut to 40
 * characters), and how many more there are. A link with hundreds of junk parameters gives a one-line notice.
 * @example summarizeIgnored(six) // { shown: [the first five, as `param=value`], more: 1 }
 */
export function summarizeIgnored(ignored: readonly IgnoredParam[]): { shown: string[]; more: number } {
  const cut = (text: string) => (text.length > IGNORED_VALUE_CHARS ? `${text.slice(0, IGNORED_VALUE_CHARS)}…` : text);
  return {
    shown: ignored.slice(0, IGNORED_SHOWN).map((i) => `${cut(i.param)}=${cut(i.value)}`),
    more: Math.max(0, ignored.length - IGNORED_SHOWN),
  };
}

function parseCamera(value: string): ViewState['camera'] {
  const parts = value.split(',');
  if (parts.length !== 3) return null;
  const [lng, lat, zoom] = parts.map(Number) as [number, number, number];
  const inRange = (v: number, [lo, hi]: readonly [number, number]) => Number.isFinite(v) && v >= lo && v <= hi;
  if (!inRange(lng, LNG_RANGE) || !inRange(lat, LAT_RANGE) || !inRange(zoom, [0, 22])) return null;
  return { lng, lat, zoom };
}

/**
 * The year a query string names (`?year=2016`), or null, before anything is loaded: the loader reads that year
 * first. Whether the data has it is checked when the manifest is read.
 * @example yearOfSearch('?year=2016&layers=x') // 2016
 */
export function yearOfSearch(search: string): number | null {
  const value = new URLSearchParams(search).get('year');
  return value !== null && /^\d{4}$/.test(value) ? Number(value) : null;
}

/**
 * Write a view as a query string (leading `?`, or '' for the default view), in a fixed parameter order
 * so equal views give equal links. Coordinates are rounded to what the eye can tell apart.
 * @example serializeViewState({ ...EMPTY_VIEW, lang: 'en' }) // '?lang=en'
 */
export function serializeViewState(state: ViewState): string {
  const params = new URLSearchParams();
  if (state.lang) params.set('lang', state.lang);
  if (state.year !== null) params.set('year', String(state.year));
  if (state.layers) params.set('layers', state.layers.join(','));
  if (state.fill) params.set('fill', state.fill);
  if (state.municipality) params.set('gm', state.municipality);
  if (state.regionLayer) params.set('via', state.regionLayer);
  if (state.pair) params.set('pair', state.pair.join(','));
  if (state.set) params.set('set', state.set.join(','));
  if (state.show) params.set('show', state.show);
  if (state.panel) params.set('panel', state.panel);
  if (state.metric) params.set('metric', state.metric);
  if (state.camera) {
    const { lng, lat, zoom } = state.camera;
    params.set('map', `${lng.toFixed(4)},${lat.toFixed(4)},${zoom.toFixed(2)}`);
  }
  if (state.clean) params.set('view', 'clean');
  // Commas between ids and the ~ of a layer drawn on another year's gemeenten read better unescaped (both are safe in a query).
  const text = params.toString().replaceAll('%2C', ',').replaceAll('%7E', '~');
  return text ? `?${text}` : '';
}
