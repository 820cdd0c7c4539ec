/**
 * The sentences of the atlas through time (issue 10), in either interface language: how gemeenten of two years
 * were matched, what changed in a layout ("Baarle-Nassau en Alphen-Chaam gingen van Veilig Thuis-regio
 * West-brabant naar Midden-Brabant"), when a kind of layout changed most, a trend in a few words, and a
 * gemeente's territory and boundary changes through the years. Region nouns and names come from the data.
 * Plain words, no markup. Pure.
 */
import type {
  LayerRefInYear,
  LayoutChanges,
  MunicipalityChange,
  MunicipalityRef,
  RegionEvent,
  RegionRef,
} from './changes';
import type { BoundaryChange, MunicipalityYear } from './gemeente-history';
import type { KindHistory } from './kind-history';
import type { Matching, MunicipalityMatch } from './matching';
import type { Trend } from './trend';
import type { MetricId } from '../stats/pair';
import { METRICS } from '../stats/pair';
import type { FormerMunicipality, LocalizedText, MunicipalityCode } from '../types';
import { formatNumber } from '../i18n/format';
import { describeFormer } from '../i18n/former-text';
import type { Lang } from '../i18n/messages';

const LOCALES: Record<Lang, string> = { nl: 'nl-NL', en: 'en-GB' };

/** "A, B en C" / "A, B and C". */
function and(items: readonly string[], lang: Lang): string {
  return new Intl.ListFormat(LOCALES[lang], { type: 'conjunction' }).format(items);
}

function percent(share: number, lang: Lang): string {
  return `${formatNumber(share * 100, lang, 0)}%`;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

const names = (list: readonly { name: string }[]) => list.map((x) => x.name);

/**
 * How the gemeenten of two years were matched, in one or two sentences. `nameOf` names the 2015 gemeenten that
 * the boundary-change table divided (default: their codes).
 * @example describeMatchingMethod(m, 'nl')
 * // 'Gemeenten van 2016 vergeleken met die van 2025: elke gemeente van 2016 telt mee bij de gemeente van 2025 met het grootste deel van haar oppervlakte. …'
 */
export function describeMatchingMethod(
  matching: Pick<Matching, 'from' | 'to' | 'method'>,
  lang: Lang,
  nameOf: (code: MunicipalityCode) => string = (code) => code,
): string {
  const { from, to, method } = matching;
  const divided = and(method.dividedParts.map(nameOf), lang);
  if (lang === 'nl') {
    const rule = `Gemeenten van ${from.year} vergeleken met die van ${to.year}: elke gemeente van ${from.year} telt mee bij de gemeente van ${to.year} met het grootste deel van haar oppervlakte.`;
    const areas = ' Oppervlakten zijn die van de gemeenten van 2015 waaruit elke gemeente bestaat';
    if (method.shares === 'parts-only') return `${rule}${areas}.`;
    if (method.dividedParts.length === 0)
      return `${rule}${areas}; tussen beide data werd geen gemeente over meer gemeenten verdeeld.`;
    return `${rule}${areas}; voor ${divided}, tussen beide data over meer gemeenten verdeeld, gelden de aandelen uit de tabel van gemeentelijke herindelingen.`;
  }
  const rule = `Municipalities of ${from.year} compared with those of ${to.year}: each municipality of ${from.year} counts with the municipality of ${to.year} that holds the largest share of its area.`;
  const areas = ' Areas are those of the 2015 municipalities each consists of';
  if (method.shares === 'parts-only') return `${rule}${areas}.`;
  if (method.dividedParts.length === 0) return `${rule}${areas}; no municipality was divided between the two dates.`;
  return `${rule}${areas}; for ${divided}, divided between the two dates, the shares of the table of municipal reorganisations apply.`;
}

/**
 * How many gemeenten were matched how.
 * @example describeMatchingCounts(m.counts, 'en') // '390 municipalities: 324 unchanged (same code), 62 wholly in another municipality, 4 divided over several'
 */
export function describeMatchingCounts(counts: Matching['counts'], lang: Lang): string {
  const n = (value: number) => formatNumber(value, lang);
  return lang === 'nl'
    ? `${n(counts.total)} gemeenten: ${n(counts.identical)} ongewijzigd (zelfde code), ${n(counts.whole)} geheel in een andere gemeente, ${n(counts.partial)} verdeeld over meer gemeenten`
    : `${n(counts.total)} municipalities: ${n(counts.identical)} unchanged (same code), ${n(counts.whole)} wholly in another municipality, ${n(counts.partial)} divided over several`;
}

/**
 * One gemeente's match.
 * @example describeMatch(haaren, 'nl') // 'Haaren: Vught 39%, Oisterwijk 31%, Tilburg 19% en Boxtel 10%; telt mee bij Vught'
 * @example describeMatch(aalburg, 'en') // 'Aalburg: wholly in Altena'
 */
export function describeMatch(match: MunicipalityMatch, lang: Lang): string {
  if (match.status === 'identical') return lang === 'nl' ? `${match.name}: ongewijzigd` : `${match.name}: unchanged`;
  if (match.status === 'whole') {
    return lang === 'nl'
      ? `${match.name}: geheel in ${match.targetName}`
      : `${match.name}: wholly in ${match.targetName}`;
  }
  const shares = and(
    match.receivers.map((r) => `${r.name} ${percent(r.share, lang)}`),
    lang,
  );
  return lang === 'nl'
    ? `${match.name}: ${shares}; telt mee bij ${match.targetName}`
    : `${match.name}: ${shares}; counts with ${match.targetName}`;
}

/** "Veilig Thuis-regio West-brabant", for several regions "hulpregio A en hulpregio B" (no plural needed). */
function regionPhrase(regions: readonly RegionRef[], layer: LayerRefInYear, lang: Lang): string {
  return and(
    regions.map((r) => `${layer.regionNoun[lang]} ${r.name}`),
    lang,
  );
}

/**
 * A region event in a sentence; null for a region that stayed (same code and name: gemeenten that came or went are
 * told by `describeMunicipalityChanges`).
 * @example describeRegionEvent(merged, vt2023, 'nl') // "Veilig Thuis-regio's Brabant Noordoost en Zuidoost-Brabant gingen samen op in Oost-Brabant"
 */
export function describeRegionEvent(event: RegionEvent, layer: LayerRefInYear, lang: Lang): string | null {
  const from = event.from;
  const to = event.to;
  const noun = capitalize(layer.regionNoun[lang]);
  const plural = capitalize(layer.name[lang]);
  const fromNames = and(names(from), lang);
  const toNames = and(names(to), lang);
  const nl = lang === 'nl';
  switch (event.kind) {
    case 'stayed':
      return null;
    case 'renamed':
      return nl
        ? `${noun} ${from[0]!.name} heet nu ${to[0]!.name}`
        : `${noun} ${from[0]!.name} was renamed ${to[0]!.name}`;
    case 'recoded': {
      const renamed = event.isRenamed ? (nl ? ` en heet nu ${to[0]!.name}` : ` and was renamed ${to[0]!.name}`) : '';
      return nl
        ? `${noun} ${from[0]!.name} (${from[0]!.code}) heeft nu code ${to[0]!.code}${renamed}`
        : `${noun} ${from[0]!.name} (${from[0]!.code}) now has code ${to[0]!.code}${renamed}`;
    }
    case 'merged':
      return nl
        ? `${plural} ${fromNames} gingen samen op in ${toNames}`
        : `${plural} ${fromNames} merged into ${toNames}`;
    case 'split':
      return nl
        ? `${noun} ${fromNames} werd gesplitst in ${toNames}`
        : `${noun} ${fromNames} was split into ${toNames}`;
    case 'reorganised':
      return nl
        ? `${plural} ${fromNames} werden opnieuw ingedeeld in ${toNames}`
        : `${plural} ${fromNames} were reorganised into ${toNames}`;
    case 'new':
      return nl ? `Nieuwe ${layer.regionNoun.nl}: ${toNames}` : `New ${layer.regionNoun.en}: ${toNames}`;
    case 'gone':
      return nl ? `${noun} ${fromNames} bestaat niet meer` : `${noun} ${fromNames} no longer exists`;
  }
}

/** Changes grouped for one sentence each: by kind and by the regions (or merged gemeente) they concern. */
function groupChanges(changes: readonly MunicipalityChange[]): MunicipalityChange[][] {
  const groups = new Map<string, MunicipalityChange[]>();
  const regionKey = (regions: readonly RegionRef[]) => regions.map((r) => r.code).join('+');
  for (const c of changes) {
    const key =
      c.kind === 'merged-within-region' || c.kind === 'merged-across-regions'
        ? `${c.kind}|${c.target.code}`
        : c.kind === 'divided' || c.kind === 'renamed'
          ? `${c.kind}|${c.code}`
          : `${c.kind}|${regionKey(c.fromRegions)}|${regionKey(c.toRegions)}`;
    const list = groups.get(key);
    if (list) list.push(c);
    else groups.set(key, [c]);
  }
  return [...groups.values()];
}

/**
 * The gemeenten's changes, one sentence per group: gemeenten that moved between the same regions together,
 * a merger in one sentence.
 * @example describeMunicipalityChanges(c, 'nl') // ['Baarle-Nassau en Alphen-Chaam gingen van Veilig Thuis-regio West-brabant naar Midden-Brabant', …]
 */
export function describeMunicipalityChanges(changes: LayoutChanges, lang: Lang): string[] {
  const { layerA, layerB } = changes;
  const nl = lang === 'nl';
  const byCode = new Map(changes.municipalityChanges.map((c) => [c.code, c]));
  // Everyone in a merger: the group and their partners (who may be listed under another kind, e.g. `joined`).
  const mergerOf = (group: readonly MunicipalityChange[]): MunicipalityRef[] => {
    const all = new Map<MunicipalityCode, MunicipalityRef>();
    for (const c of group) for (const m of [c, ...c.partners]) all.set(m.code, { code: m.code, name: m.name });
    return [...all.values()].sort((x, y) => (x.code < y.code ? -1 : x.code > y.code ? 1 : 0));
  };
  const withRegions = (m: MunicipalityRef) => {
    const regions = byCode.get(m.code)?.fromRegions;
    if (!regions) return m.name;
    const text = regions.length > 0 ? and(names(regions), lang) : `${nl ? 'geen' : 'no'} ${layerA.regionNoun[lang]}`;
    return `${m.name} (${text})`;
  };
  return groupChanges(changes.municipalityChanges).map((group) => {
    const first = group[0]!;
    const who = and(names(group), lang);
    const isPlural = group.length > 1;
    const to = and(names(first.toRegions), lang);
    switch (first.kind) {
      case 'moved':
        return nl
          ? `${who} ${isPlural ? 'gingen' : 'ging'} van ${regionPhrase(first.fromRegions, layerA, lang)} naar ${to}`
          : `${who} moved from ${regionPhrase(first.fromRegions, layerA, lang)} to ${to}`;
      case 'joined':
        return nl
          ? `${who} ${isPlural ? 'horen' : 'hoort'} nu bij ${regionPhrase(first.toRegions, layerB, lang)} (eerder bij geen)`
          : `${who} now ${isPlural ? 'belong' : 'belongs'} to ${regionPhrase(first.toRegions, layerB, lang)} (before: none)`;
      case 'left':
        return nl
          ? `${who} ${isPlural ? 'horen' : 'hoort'} niet meer bij een ${layerB.regionNoun.nl} (was ${and(names(first.fromRegions), lang)})`
          : `${who} no longer ${isPlural ? 'belong' : 'belongs'} to a ${layerB.regionNoun.en} (was ${and(names(first.fromRegions), lang)})`;
      case 'merged-within-region': {
        const clause = mergerClause(mergerOf(group), first.target, lang);
        return nl
          ? `${clause}; de ${layerB.regionNoun.nl} bleef ${to}`
          : `${clause}, staying in ${layerB.regionNoun.en} ${to}`;
      }
      case 'merged-across-regions':
        return `${mergerClause(mergerOf(group), first.target, lang, withRegions)}, in ${regionPhrase(first.toRegions, layerB, lang)}`;
      case 'divided': {
        const shares = and(
          first.receivers.map((r) => `${r.name} (${percent(r.share, lang)})`),
          lang,
        );
        return nl
          ? `${first.name} werd verdeeld over ${shares}; telt mee bij ${first.target.name}, in ${regionPhrase(first.toRegions, layerB, lang)}`
          : `${first.name} was divided over ${shares}; counts with ${first.target.name}, in ${regionPhrase(first.toRegions, layerB, lang)}`;
      }
      case 'renamed':
        return nl ? `${first.name} heet nu ${first.target.name}` : `${first.name} is now ${first.target.name}`;
    }
  });
}

/**
 * "A en B werden samengevoegd tot C", or "B ging op in A" when the merged gemeente kept A's code; `label` names
 * each gemeente (default: its name).
 */
function mergerClause(
  merging: readonly MunicipalityRef[],
  target: MunicipalityRef,
  lang: Lang,
  label: (m: MunicipalityRef) => string = (m) => m.name,
): string {
  const keeper = merging.find((m) => m.code === target.code);
  if (keeper) {
    const others = merging.filter((m) => m !== keeper).map(label);
    const verb = lang === 'nl' ? (others.length > 1 ? 'gingen op in' : 'ging op in') : 'merged into';
    return `${and(others, lang)} ${verb} ${label(keeper)}`;
  }
  const all = and(merging.map(label), lang);
  return lang === 'nl' ? `${all} werden samengevoegd tot ${target.name}` : `${all} merged into ${target.name}`;
}

/**
 * Every change of a layout in sentences: the region events, then the gemeenten; one sentence if nothing changed.
 * @example describeLayoutChanges(c, 'en')[1] // "Veilig Thuis regions Brabant Noordoost and Zuidoost-Brabant merged into Oost-Brabant"
 */
export function describeLayoutChanges(changes: LayoutChanges, lang: Lang): string[] {
  const events = changes.regionEvents
    .map((e) => describeRegionEvent(e, changes.layerB, lang))
    .filter((s): s is string => s !== null);
  const sentences = [...events, ...describeMunicipalityChanges(changes, lang)];
  if (sentences.length > 0) return sentences;
  const { from, to } = changes.matching;
  return [
    lang === 'nl'
      ? `${changes.layerB.name.nl}: niets veranderd van ${from.year} tot ${to.year}`
      : `${changes.layerB.name.en}: nothing changed from ${from.year} to ${to.year}`,
  ];
}

/** Counted phrases of the counts that are not zero, in a fixed order. */
function countPhrases(c: LayoutChanges['counts'], noun: LocalizedText, lang: Lang): string[] {
  const n = (value: number) => formatNumber(value, lang);
  const nl = lang === 'nl';
  const phrases: [number, string, string][] = [
    [
      c.merged,
      nl ? 'samenvoeging van regio’s' : 'merger of regions',
      nl ? 'samenvoegingen van regio’s' : 'mergers of regions',
    ],
    [c.split, nl ? 'splitsing' : 'split', nl ? 'splitsingen' : 'splits'],
    [
      c.reorganised,
      nl ? 'herindeling van regio’s' : 'reorganisation of regions',
      nl ? 'herindelingen van regio’s' : 'reorganisations of regions',
    ],
    [c.new, nl ? 'nieuwe regio' : 'new region', nl ? 'nieuwe regio’s' : 'new regions'],
    [c.gone, nl ? 'opgeheven regio' : 'region gone', nl ? 'opgeheven regio’s' : 'regions gone'],
    [
      c.renamed + c.recoded,
      nl ? 'regio hernoemd of hercodeerd' : 'region renamed or recoded',
      nl ? 'regio’s hernoemd of hercodeerd' : 'regions renamed or recoded',
    ],
    [
      c.regionChangedCount,
      nl ? `gemeente naar een andere ${noun.nl}` : `municipality to another ${noun.en}`,
      nl ? `gemeenten naar een andere ${noun.nl}` : `municipalities to another ${noun.en}`,
    ],
  ];
  return phrases.filter(([count]) => count > 0).map(([count, one, many]) => `${n(count)} ${count === 1 ? one : many}`);
}

/**
 * The changes of a layout in one line.
 * @example summarizeLayoutChanges(c, 'nl')
 * // "Veilig Thuis-regio's 2022 → 2023: 1 samenvoeging van regio’s, 1 regio hernoemd of hercodeerd, 2 gemeenten naar een andere Veilig Thuis-regio; 5 gemeenten samengevoegd"
 */
export function summarizeLayoutChanges(changes: LayoutChanges, lang: Lang): string {
  const c = changes.counts;
  const nl = lang === 'nl';
  const layout = countPhrases(c, changes.layerB.regionNoun, lang);
  const counted = (count: number, one: string, many: string) =>
    count > 0 ? [`${formatNumber(count, lang)} ${count === 1 ? one : many}`] : [];
  const municipalities = [
    ...counted(
      c.mergedWithinRegion + c.mergedAcrossRegions,
      nl ? 'gemeente samengevoegd' : 'municipality merged',
      nl ? 'gemeenten samengevoegd' : 'municipalities merged',
    ),
    ...counted(
      c.divided,
      nl ? 'gemeente verdeeld' : 'municipality divided',
      nl ? 'gemeenten verdeeld' : 'municipalities divided',
    ),
    ...counted(
      c.renamedMunicipalities,
      nl ? 'gemeente hernoemd' : 'municipality renamed',
      nl ? 'gemeenten hernoemd' : 'municipalities renamed',
    ),
  ];
  const head = `${changes.layerB.name[lang]} ${changes.matching.from.year} → ${changes.matching.to.year}`;
  const layoutText = layout.length > 0 ? layout.join(', ') : nl ? 'indeling ongewijzigd' : 'layout unchanged';
  return municipalities.length > 0 ? `${head}: ${layoutText}; ${municipalities.join(', ')}` : `${head}: ${layoutText}`;
}

/**
 * When a kind of layout changed most.
 * @example describeKindHistory(h, 'en') // 'Veilig Thuis regions in 7 years (2016–2025); changed most from 2022 to 2023: 1 merger of regions, …'
 */
export function describeKindHistory(history: KindHistory, lang: Lang): string {
  const first = history.years[0]!.year;
  const last = history.years[history.years.length - 1]!.year;
  const count = formatNumber(history.years.length, lang);
  const span = history.years.length === 1 ? `${first}` : `${first}–${last}`;
  const head =
    lang === 'nl'
      ? `${history.name.nl} in ${count} ${history.years.length === 1 ? 'jaar' : 'jaren'} (${span})`
      : `${history.name.en} in ${count} ${history.years.length === 1 ? 'year' : 'years'} (${span})`;
  const busiest = history.summary.busiest[0];
  if (!busiest) return `${head}; ${lang === 'nl' ? 'niet veranderd' : 'unchanged'}`;
  const step = history.steps.find((s) => s.fromYear === busiest[0] && s.toYear === busiest[1])!;
  const phrases = countPhrases(step.changes.counts, history.regionNoun, lang).join(', ');
  return lang === 'nl'
    ? `${head}; het meest veranderd van ${busiest[0]} naar ${busiest[1]}: ${phrases}`
    : `${head}; changed most from ${busiest[0]} to ${busiest[1]}: ${phrases}`;
}

/**
 * How a metric of two kinds went from the first year to the last, and whether that means the layouts converged.
 * Null when the metric is not defined in the first or the last year.
 * @example describeTrend(t, 'ari', 'en') // 'Adjusted Rand index (ARI) of Youth care regions and Veilig Thuis regions: 0.809 in 2016, 0.743 in 2025: the layouts drifted apart'
 */
export function describeTrend(trend: Trend, metric: MetricId, lang: Lang): string | null {
  const info = METRICS.find((m) => m.id === metric)!;
  const defined = trend.points.filter((p) => p.aToB[metric] !== null);
  const first = defined[0];
  const last = defined[defined.length - 1];
  if (!first || !last) return null;
  const a = first.aToB[metric]!;
  const b = last.aToB[metric]!;
  const value = (v: number) => formatNumber(v, lang, info.decimals);
  const epsilon = 10 ** -info.decimals / 2;
  const verdict =
    first === last || Math.abs(b - a) < epsilon
      ? lang === 'nl'
        ? 'gelijk gebleven'
        : 'unchanged'
      : b > a === info.isHigherBetter
        ? lang === 'nl'
          ? 'de indelingen kwamen dichter bij elkaar'
          : 'the layouts converged'
        : lang === 'nl'
          ? 'de indelingen groeiden uit elkaar'
          : 'the layouts drifted apart';
  const pair = lang === 'nl' ? `${trend.nameA.nl} en ${trend.nameB.nl}` : `${trend.nameA.en} and ${trend.nameB.en}`;
  const values =
    first === last ? `${value(a)} in ${first.year}` : `${value(a)} in ${first.year}, ${value(b)} in ${last.year}`;
  return `${info.label[lang]} ${lang === 'nl' ? 'van' : 'of'} ${pair}: ${values}: ${verdict}`;
}

/**
 * Where a gemeente's territory lay in one year of its history.
 * @example describeMunicipalityYear(altena2016, 'nl') // '2016: bestond nog niet zo; het gebied hoorde bij Werkendam (…), Aalburg (…) en Woudrichem (…)'
 */
export function describeMunicipalityYear(entry: MunicipalityYear, lang: Lang): string {
  const nl = lang === 'nl';
  const holder = entry.holders[0]!;
  const shares = and(
    entry.holders.map((h) => `${h.name} (${percent(h.share, lang)})`),
    lang,
  );
  let text: string;
  switch (entry.status) {
    case 'same':
      text = holder.name;
      break;
    case 'renamed':
      text = nl ? `als ${holder.name} (${holder.code})` : `as ${holder.name} (${holder.code})`;
      break;
    case 'enlarged':
      text = entry.isBefore
        ? holder.name
        : nl
          ? `${holder.name}, vergroot met andere gemeenten`
          : `${holder.name}, enlarged with other municipalities`;
      break;
    case 'merged':
      text = entry.isBefore
        ? nl
          ? `deel van ${holder.name}`
          : `part of ${holder.name}`
        : nl
          ? `opgegaan in ${holder.name}`
          : `merged into ${holder.name}`;
      break;
    case 'several':
      text = entry.isBefore
        ? nl
          ? `bestond nog niet zo; het gebied hoorde bij ${shares}`
          : `did not exist in this form; its area belonged to ${shares}`
        : nl
          ? `verdeeld over ${shares}`
          : `divided over ${shares}`;
      break;
  }
  return `${entry.year}: ${text}`;
}

/**
 * A boundary change in a sentence, with the words of the former-gemeenten search ("Haaren: in 2021 verdeeld
 * over Vught, Oisterwijk, Tilburg en Boxtel").
 * @example describeBoundaryChange(aalburg2019, 'en') // 'Aalburg: in 2019 merged into Altena'
 */
export function describeBoundaryChange(change: BoundaryChange, lang: Lang): string {
  const former: FormerMunicipality = {
    code: change.code,
    name: change.name,
    transfers: change.receivers.map((r) => ({
      code: r.code,
      date: change.date,
      kind: r.kind,
      areaShare: r.areaShare,
      source: change.sources.join(' | '),
      ...(r.via.length > 0 ? { via: r.via } : {}),
    })),
  };
  const nameOf = new Map(change.receivers.map((r) => [r.code, r.name]));
  return describeFormer(former, (code) => nameOf.get(code) ?? code, lang);
}
