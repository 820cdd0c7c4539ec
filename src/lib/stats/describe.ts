/**
 * Plain-language sentences about a layer comparison, in Dutch or English, such as
 * "14 of 25 Veilig Thuis regions coincide exactly with one youth care region". Pure.
 * Nouns come from the layers' `regionNoun`; their plurals from `pluralNoun`.
 */
import type { Lang } from '../i18n/messages';
import { formatNumber } from '../i18n/format';
import type { LocalizedText } from '../types';
import type { Nestedness } from './nestedness';
import { METRICS, type LayerComparison, type LayerRef, type MetricId } from './pair';

const SENTENCES = {
  nl: {
    coverage:
      'Vergeleken over de {common} gemeenten die beide lagen dekken; {left} van de {total} gemeenten vallen erbuiten.',
    identicalOne: '{count} van de {total} {nouns} valt precies samen met één {other}.',
    identicalMany: '{count} van de {total} {nouns} vallen precies samen met één {other}.',
    nestedOne: '{count} van de {total} {nouns} ligt geheel binnen één {other}.',
    nestedMany: '{count} van de {total} {nouns} liggen geheel binnen één {other}.',
    congruence:
      'Gemiddeld is {mean} van de regiopartners die een gemeente in een van beide lagen heeft, partner in beide ({weighted} gewogen naar inwoners).',
    unknownInhabitants:
      'Van {count} van deze gemeenten is het aantal inwoners onbekend; gewogen cijfers tellen alleen de bekende.',
    partition:
      'Gecorrigeerde Rand-index {ari}, genormaliseerde wederzijdse informatie {nmi}, variatie van informatie {vi} bits.',
    multiMembership: '{count} gemeenten horen bij meer dan één regio van de laag {layer}',
    partitionMulti: 'ARI, NMI en VI zijn niet gedefinieerd: {clauses}.',
    partitionNoCommon: 'ARI, NMI en VI zijn niet gedefinieerd: de lagen hebben geen gemeente gemeen.',
    borders: '{share} van de grenslengte tussen {nouns} is ook een grens tussen {others}.',
    and: ' en ',
  },
  en: {
    coverage:
      'Compared over the {common} municipalities both layers cover; {left} of {total} municipalities are left out.',
    identicalOne: '{count} of {total} {nouns} coincides exactly with one {other}.',
    identicalMany: '{count} of {total} {nouns} coincide exactly with one {other}.',
    nestedOne: '{count} of {total} {nouns} lies wholly inside one {other}.',
    nestedMany: '{count} of {total} {nouns} lie wholly inside one {other}.',
    congruence:
      'On average, {mean} of the region partners a municipality has in either layer are its partners in both ({weighted} weighted by inhabitants).',
    unknownInhabitants:
      'Inhabitants are unknown for {count} of these municipalities; weighted figures count the known ones only.',
    partition: 'Adjusted Rand index {ari}, normalized mutual information {nmi}, variation of information {vi} bits.',
    multiMembership: '{count} municipalities belong to more than one region of the layer {layer}',
    partitionMulti: 'ARI, NMI and VI are not defined: {clauses}.',
    partitionNoCommon: 'ARI, NMI and VI are not defined: the layers have no municipality in common.',
    borders: '{share} of the border length between {nouns} is also a border between {others}.',
    and: ' and ',
  },
} satisfies Record<Lang, Record<string, string>>;

type SentenceKey = keyof (typeof SENTENCES)['nl'];

function fill(lang: Lang, key: SentenceKey, params: Record<string, string | number>): string {
  return SENTENCES[lang][key].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/**
 * The plural of a region noun: Dutch by the regular rules that cover the layers' nouns (-heid → -heden,
 * a final a/i/o/u/y → 's, a final e → s, otherwise -en), English by -y → -ies, s/x/z/ch/sh → -es, otherwise -s.
 * Irregular nouns are out of scope: the registry's nouns are all regular (tested).
 * @example pluralNoun('politie-eenheid', 'nl') // 'politie-eenheden'
 * @example pluralNoun('Veilig Thuis-regio', 'nl') // "Veilig Thuis-regio's"
 * @example pluralNoun('judicial district', 'en') // 'judicial districts'
 */
export function pluralNoun(noun: string, lang: Lang): string {
  if (lang === 'nl') {
    if (noun.endsWith('heid')) return `${noun.slice(0, -4)}heden`;
    if (/[aiouy]$/.test(noun)) return `${noun}'s`;
    if (noun.endsWith('e')) return `${noun}s`;
    return `${noun}en`;
  }
  if (/[^aeiou]y$/.test(noun)) return `${noun.slice(0, -1)}ies`;
  if (/(s|x|z|ch|sh)$/.test(noun)) return `${noun}es`;
  return `${noun}s`;
}

/**
 * The comparison in sentences, in this order: coverage (only when gemeenten were left out), identical
 * regions (counted on the layer with fewer regions, where the share is larger), nestedness both ways,
 * congruence, unknown inhabitants (if any), partition agreement or why it is not defined, and border
 * coincidence both ways (where a layer has borders).
 * @example
 * describeComparison(compareLayers(atlas, 'jeugdregio-2025', 'veiligthuis-2025'), 'en')[0]
 * // '14 of 25 Veilig Thuis regions coincide exactly with one youth care region.'
 */
export function describeComparison(cmp: LayerComparison, lang: Lang): string[] {
  const { a, b, coverage, congruence, partition, nestedness, borders } = cmp;
  const noun = (text: LocalizedText, count: number): string =>
    count === 1 ? text[lang] : pluralNoun(text[lang], lang);
  const number = (value: number, metric: MetricId): string =>
    formatNumber(value, lang, METRICS.find((m) => m.id === metric)!.decimals);
  const percent = (share: number): string => `${formatNumber(share * 100, lang, 0)}%`;
  const sentences: string[] = [];

  const leftOut = coverage.totalCount - coverage.commonCount;
  if (leftOut > 0) {
    sentences.push(fill(lang, 'coverage', { common: coverage.commonCount, left: leftOut, total: coverage.totalCount }));
  }
  const counted = (inner: LayerRef, outer: LayerRef, count: number, one: SentenceKey, many: SentenceKey): string =>
    fill(lang, count === 1 ? one : many, {
      count,
      total: inner.regionCount,
      nouns: noun(inner.regionNoun, inner.regionCount),
      other: outer.regionNoun[lang],
    });
  const [fewer, more, fewerNested] = b.regionCount < a.regionCount ? [b, a, nestedness.bInA] : [a, b, nestedness.aInB];
  sentences.push(counted(fewer, more, fewerNested.identicalCount, 'identicalOne', 'identicalMany'));
  const nested = (inner: LayerRef, outer: LayerRef, n: Nestedness): string =>
    counted(inner, outer, n.nestedCount, 'nestedOne', 'nestedMany');
  sentences.push(nested(a, b, nestedness.aInB), nested(b, a, nestedness.bInA));

  if (congruence.mean !== null) {
    const weighted = congruence.meanByInhabitants;
    sentences.push(
      fill(lang, 'congruence', {
        mean: percent(congruence.mean),
        weighted: weighted === null ? '–' : percent(weighted),
      }),
    );
    if (congruence.unknownInhabitantsCount > 0) {
      sentences.push(fill(lang, 'unknownInhabitants', { count: congruence.unknownInhabitantsCount }));
    }
  }

  if (partition.isDefined) {
    sentences.push(
      fill(lang, 'partition', {
        ari: number(partition.ari, 'ari'),
        nmi: number(partition.nmi, 'nmi'),
        vi: number(partition.viBits, 'vi'),
      }),
    );
  } else if (partition.reason === 'multi-membership') {
    const clauses = [[a, partition.multiMemberCountA] as const, [b, partition.multiMemberCountB] as const]
      .filter(([, count]) => count > 0)
      .map(([layer, count]) => fill(lang, 'multiMembership', { count, layer: layer.name[lang] }));
    sentences.push(fill(lang, 'partitionMulti', { clauses: clauses.join(SENTENCES[lang].and) }));
  } else {
    sentences.push(fill(lang, 'partitionNoCommon', {}));
  }

  for (const [own, other, coincidence] of [
    [a, b, borders.aInB],
    [b, a, borders.bInA],
  ] as const) {
    if (coincidence.share === null) continue;
    sentences.push(
      fill(lang, 'borders', {
        share: percent(coincidence.share),
        nouns: pluralNoun(own.regionNoun[lang], lang),
        others: pluralNoun(other.regionNoun[lang], lang),
      }),
    );
  }
  return sentences;
}
