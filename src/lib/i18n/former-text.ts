/**
 * The sentence that says where a former gemeente went, in either interface language, e.g.
 * "Haaren: in 2021 verdeeld over Vught, Oisterwijk, Tilburg en Boxtel". Pure.
 */
import type { FormerChangeKind, FormerMunicipality, FormerTransfer, MunicipalityCode } from '../types';
import { translate, type Lang, type MessageKey } from './messages';

const PHRASES: Record<FormerChangeKind, MessageKey> = {
  merger: 'formerMerger',
  'merger-kept-code': 'formerMergerKeptCode',
  'light-merger': 'formerLightMerger',
  absorbed: 'formerAbsorbed',
  split: 'formerSplit',
  'boundary-correction': 'formerBoundary',
  rename: 'formerRename',
};

const LOCALES: Record<Lang, string> = { nl: 'nl-NL', en: 'en-GB' };

/**
 * Where `former` went, one clause per date ("in 2017 …; in 2018 …"), within a date one phrase per kind of
 * change joined by "en"/"and", receivers in transfer order (date, largest share). A transfer through a
 * gemeente that was merged later names both: "deels naar Weesp (sinds 2022 deel van Amsterdam)".
 * `nameOf` gives the current name of a receiver's code.
 * @example describeFormer(aalburg, nameOf, 'nl') // 'Aalburg: in 2019 samengevoegd tot Altena'
 */
export function describeFormer(
  former: FormerMunicipality,
  nameOf: (code: MunicipalityCode) => string,
  lang: Lang,
): string {
  return translate(lang, 'formerSentence', { name: former.name, changes: describeFormerChanges(former, nameOf, lang) });
}

/**
 * The part of {@link describeFormer} after the name, for where the name is shown already.
 * @example describeFormerChanges(aalburg, nameOf, 'en') // 'in 2019 merged into Altena'
 */
export function describeFormerChanges(
  former: FormerMunicipality,
  nameOf: (code: MunicipalityCode) => string,
  lang: Lang,
): string {
  const list = new Intl.ListFormat(LOCALES[lang], { type: 'conjunction' });
  const byYear = new Map<string, FormerTransfer[]>();
  for (const t of former.transfers) {
    const year = t.date.slice(0, 4);
    byYear.set(year, [...(byYear.get(year) ?? []), t]);
  }
  const clauses = [...byYear].map(([year, transfers]) => {
    const byKind = new Map<FormerChangeKind, string[]>();
    for (const t of transfers) byKind.set(t.kind, [...(byKind.get(t.kind) ?? []), receiverText(t, nameOf, lang)]);
    const phrases = [...byKind].map(([kind, targets]) => translate(lang, PHRASES[kind], { to: list.format(targets) }));
    return translate(lang, 'formerInYear', { year, changes: list.format(phrases) });
  });
  return clauses.join('; ');
}

function receiverText(t: FormerTransfer, nameOf: (code: MunicipalityCode) => string, lang: Lang): string {
  const first = t.via?.[0];
  if (!first) return nameOf(t.code);
  const last = t.via?.at(-1) ?? first;
  return translate(lang, 'formerVia', { name: first.name, year: last.date.slice(0, 4), to: nameOf(t.code) });
}
