/**
 * Interface strings in Dutch (default) and English. Pure: no DOM.
 * Placeholders `{name}` are filled by `translate`.
 */
import type { Domain } from '../types';

export type Lang = 'nl' | 'en';

export const LANGS: readonly Lang[] = ['nl', 'en'];

const nl = {
  appTitle: 'Samenwerkingsatlas',
  appTagline: 'Hoe de samenwerkingsregio’s van gemeenten elkaar overlappen',
  loading: 'Kaart en gegevens laden…',
  loadFailed: 'De atlas kon niet worden geladen',
  retry: 'Opnieuw proberen',
  layerFailed: 'Laag {layer} kon niet worden geladen: {message}',
  layers: 'Lagen',
  legend: 'Legenda',
  fillLayer: 'Vlakkleur',
  fillNone: 'Geen vlakkleur',
  fillThis: 'Kleur de regio’s van {layer} in',
  about: 'Over deze laag',
  regions: '{count} regio’s',
  coverageFull: 'alle {total} gemeenten',
  coveragePartial: '{covered} van {total} gemeenten bekend',
  noData: 'geen gegevens',
  noDataLegend: 'gemeente zonder gegevens (niet: ‘lokaal’)',
  municipalityBorders: 'gemeentegrens',
  source: 'Bron',
  referenceDate: 'peildatum',
  licence: 'licentie',
  sourceLine: 'Bronnen',
  inhabitants: 'inwoners',
  inhabitantsOn: 'inwoners ({date})',
  area: 'oppervlakte',
  municipalities: 'gemeenten',
  municipality: 'gemeente',
  close: 'Sluiten',
  regionOf: '{noun}',
  membersTitle: 'Gemeenten in deze regio ({count})',
  touchesTitle: 'Overlapt met regio’s van andere zichtbare lagen',
  touchesNone: 'Geen andere lagen zichtbaar.',
  sharedOf: '{shared} van {total} gemeenten gedeeld',
  noDataOf: '{count} van {total} gemeenten zonder gegevens',
  notCovered: '{name} hoort bij geen {noun} (geen gegevens)',
  clickHint: 'Klik op de kaart voor een regio; beweeg erover om te zien waar een gemeente bij hoort.',
  hoverNoLayers: 'Geen lagen zichtbaar',
  layout2011: 'In 2011 (VNG-onderzoek)',
  l2011Regions: 'aantal regio’s',
  l2011National: 'landelijke dekking',
  l2011Since: 'bestaand sinds',
  l2011CoopImposed: 'samenwerking opgelegd',
  l2011LayoutImposed: 'regio-indeling opgelegd',
  l2011Legal: 'wettelijke basis',
  multiMembership: 'een gemeente kan in meer regio’s zitten',
  language: 'Language: English',
  showLayer: '{layer} tonen',
  mapLabel: 'Kaart van de samenwerkingsregio’s',
  km2: 'km²',
} as const;

export type MessageKey = keyof typeof nl;

const en: Record<MessageKey, string> = {
  appTitle: 'Samenwerkingsatlas',
  appTagline: 'How the cooperation regions of Dutch municipalities overlap',
  loading: 'Loading map and data…',
  loadFailed: 'The atlas could not be loaded',
  retry: 'Try again',
  layerFailed: 'Layer {layer} could not be loaded: {message}',
  layers: 'Layers',
  legend: 'Legend',
  fillLayer: 'Fill colour',
  fillNone: 'No fill colour',
  fillThis: 'Colour the regions of {layer}',
  about: 'About this layer',
  regions: '{count} regions',
  coverageFull: 'all {total} municipalities',
  coveragePartial: '{covered} of {total} municipalities known',
  noData: 'no data',
  noDataLegend: 'municipality without data (not: ‘local’)',
  municipalityBorders: 'municipal border',
  source: 'Source',
  referenceDate: 'reference date',
  licence: 'licence',
  sourceLine: 'Sources',
  inhabitants: 'inhabitants',
  inhabitantsOn: 'inhabitants ({date})',
  area: 'area',
  municipalities: 'municipalities',
  municipality: 'municipality',
  close: 'Close',
  regionOf: '{noun}',
  membersTitle: 'Municipalities in this region ({count})',
  touchesTitle: 'Overlaps with regions of other visible layers',
  touchesNone: 'No other layers visible.',
  sharedOf: '{shared} of {total} municipalities shared',
  noDataOf: '{count} of {total} municipalities without data',
  notCovered: '{name} belongs to no {noun} (no data)',
  clickHint: 'Click the map for a region; hover to see where a municipality belongs.',
  hoverNoLayers: 'No layers visible',
  layout2011: 'In 2011 (VNG study)',
  l2011Regions: 'number of regions',
  l2011National: 'national coverage',
  l2011Since: 'existing since',
  l2011CoopImposed: 'cooperation imposed',
  l2011LayoutImposed: 'layout imposed',
  l2011Legal: 'legal basis',
  multiMembership: 'a municipality may belong to several regions',
  language: 'Taal: Nederlands',
  showLayer: 'Show {layer}',
  mapLabel: 'Map of the cooperation regions',
  km2: 'km²',
};

const MESSAGES: Record<Lang, Record<MessageKey, string>> = { nl, en };

export const DOMAIN_NAMES: Record<Domain, Record<Lang, string>> = {
  'jeugd-zorg': { nl: 'Jeugd & zorg', en: 'Youth & care' },
  veiligheid: { nl: 'Veiligheid', en: 'Safety & justice' },
  bestuur: { nl: 'Bestuur', en: 'Government' },
  'werk-inkomen': { nl: 'Werk & inkomen', en: 'Work & income' },
};

/**
 * The interface string `key` in `lang`, with `{placeholders}` replaced by `params`.
 * @example translate('en', 'regions', { count: '42' }) // '42 regions'
 */
export function translate(lang: Lang, key: MessageKey, params: Record<string, string | number> = {}): string {
  return MESSAGES[lang][key].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}
