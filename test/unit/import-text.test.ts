import { describe, expect, it } from 'vitest';
import { describeProblem, describeStats, describeStorageFailure } from '../../src/lib/i18n/import-text';
import type { GeometryReason, ImportProblem, ImportProblemKind } from '../../src/lib/import/problems';
import { importText } from '../../src/lib/import/import-file';
import { importContext } from '../fixtures/import-atlas';

const KINDS: ImportProblemKind[] = [
  'too-large',
  'empty-file',
  'binary',
  'spreadsheet',
  'too-many-rows',
  'no-rows',
  'no-header',
  'missing-column',
  'malformed-row',
  'invalid-json',
  'invalid-layer',
  'unknown-format',
  'other-geometry',
  'empty-municipality',
  'unknown-municipality',
  'ambiguous-municipality',
  'former-municipality',
  'former-mapped',
  'corrected',
  'name-code-mismatch',
  'empty-region',
  'region-name-conflict',
  'long-name',
  'duplicate',
  'multi-membership',
  'partial-coverage',
  'no-regions',
  'invalid-geometry',
  'self-intersection',
  'split-municipality',
  'partly-covered',
  'region-without-municipality',
  'internal',
];
const REASONS: GeometryReason[] = [
  'not-a-feature',
  'no-geometry',
  'wrong-type',
  'bad-coordinates',
  'too-few-positions',
  'unclosed-ring',
  'not-wgs84',
  'intersect-failed',
];

/** A problem with every field set, so each sentence can use what it needs. */
function full(kind: ImportProblemKind, reason: GeometryReason = 'unclosed-ring'): ImportProblem {
  return {
    severity: 'error',
    kind,
    row: 12,
    value: 'Waarde',
    region: 'Regio Noord',
    municipality: { code: 'GM0344', name: 'Utrecht' },
    suggestions: [
      { code: 'GM0363', name: 'Amsterdam' },
      { code: 'GM0362', name: 'Amstelveen' },
    ],
    mapsTo: [{ code: 'GM0344', name: 'Utrecht', year: 2019 }],
    regions: ['A', 'B'],
    municipalities: [{ code: 'GM0855', name: 'Tilburg' }],
    otherRow: 3,
    count: 1_234_567,
    limit: 5 * 1024 * 1024,
    shares: [{ region: 'Zuid', sharePct: 70 }],
    reason,
    detail: 'detail',
  };
}

describe('describeProblem', () => {
  it.each(KINDS.flatMap((kind) => (['nl', 'en'] as const).map((lang) => [kind, lang] as const)))(
    '%s in %s: a sentence without placeholders or missing values',
    (kind, lang) => {
      const text = describeProblem(full(kind), lang);
      expect(text).toMatch(/^Regel 12: |^Line 12: /);
      expect(text).not.toMatch(/undefined|\[object|\{|\}|NaN/);
      expect(text.length).toBeGreaterThan(20);
    },
  );

  it.each(REASONS)('every geometry reason reads in both languages: %s', (reason) => {
    for (const lang of ['nl', 'en'] as const) {
      expect(describeProblem(full('invalid-geometry', reason), lang, 'geojson')).toMatch(
        /^(Vlak|Feature) 12 \(Waarde\): (Dit vlak|This feature) \S+/,
      );
    }
  });

  it('says the plain-words sentences of the issue', () => {
    const unknown: ImportProblem = {
      severity: 'error',
      kind: 'unknown-municipality',
      row: 4,
      value: 'Amsterdm',
      suggestions: [{ code: 'GM0363', name: 'Amsterdam' }],
    };
    expect(describeProblem(unknown, 'nl')).toBe('Regel 4: Onbekende gemeente ‘Amsterdm’. Bedoelt u Amsterdam?');
    expect(describeProblem(unknown, 'en')).toBe('Line 4: Unknown municipality ‘Amsterdm’. Did you mean Amsterdam?');
    expect(describeProblem({ ...unknown, severity: 'warning' }, 'en')).toBe(
      'Line 4: Unknown municipality ‘Amsterdm’. Did you mean Amsterdam? Left out.',
    );
    expect(describeProblem({ severity: 'error', kind: 'too-large', count: 7_340_032, limit: 5_242_880 }, 'nl')).toBe(
      'Het bestand is te groot (7 MB); de grens is 5 MB.',
    );
  });

  it('never says the same size twice when refusing a file (issue 13)', () => {
    const MB = 1024 * 1024;
    const tooLarge = (count: number, lang: 'nl' | 'en' = 'nl') =>
      describeProblem({ severity: 'error', kind: 'too-large', count, limit: 5 * MB }, lang);
    expect(tooLarge(5.2 * MB)).toBe('Het bestand is te groot (5,2 MB); de grens is 5 MB.');
    expect(tooLarge(5.2 * MB, 'en')).toBe('The file is too large (5.2 MB); the limit is 5 MB.');
    // Just over: more decimals, rounded down so the size never reads as the limit.
    expect(tooLarge(5.04 * MB)).toBe('Het bestand is te groot (5,04 MB); de grens is 5 MB.');
    expect(tooLarge(5.002 * MB)).toBe('Het bestand is te groot (5,002 MB); de grens is 5 MB.');
    // Less than a thousandth of a MB over: in bytes.
    expect(tooLarge(5 * MB + 1)).toBe('Het bestand is te groot (5.242.881 bytes); de grens is 5.242.880 bytes.');
    expect(tooLarge(60 * MB)).toBe('Het bestand is te groot (60 MB); de grens is 5 MB.');
  });

  it('numbers rows by the unit of the format', () => {
    const p: ImportProblem = { severity: 'error', kind: 'empty-municipality', row: 2 };
    expect(describeProblem(p, 'nl', 'csv')).toMatch(/^Regel 2:/);
    expect(describeProblem(p, 'en', 'layer-json')).toMatch(/^Region 2:/);
    expect(describeProblem(p, 'nl', 'geojson')).toMatch(/^Vlak 2:/);
  });

  it('renders every problem of a real import in both languages', () => {
    const result = importText(
      'gemeente;regio\nAmsterdm;A\nBergen;A\nOudegem;A\nUtrecht;\nUtrecht;B\nUtrecht;B\n',
      'x.csv',
      importContext(),
    );
    const nl = result.problems.map((p) => describeProblem(p, 'nl', result.format));
    expect(nl).toEqual([
      'Regel 2: Onbekende gemeente ‘Amsterdm’. Bedoelt u Amsterdam?',
      'Regel 3: ‘Bergen’ past bij meer dan één gemeente: Bergen (L.) of Bergen (NH.). Schrijf de naam met provincie, zoals de CBS-naam, of gebruik de gemeentecode.',
      'Regel 4: ‘Oudegem’ is een vroegere gemeente; het gebied hoort nu bij Utrecht (sinds 2019) en Tilburg (sinds 2019). Kies hieronder om vroegere gemeenten in te delen bij hun huidige gemeente.',
      'Regel 5: Geen regio ingevuld voor Utrecht; niet ingedeeld.',
      'Regel 7: Utrecht staat al in ‘B’ (regel 6); deze regel is dubbel en telt niet nog eens mee.',
      'Regio ‘A’ valt weg: geen van de gemeenten ervan kon worden gebruikt (zie regel 2 en verder).',
      '8 gemeenten horen bij geen regio; op de kaart staat daar ‘geen gegevens’ (zoals Amstelveen, Amsterdam, Bergen (L.), Bergen (NH.), Eemsdelta, …).',
    ]);
  });
});

describe('describeStats and describeStorageFailure', () => {
  it('summarise an import', () => {
    const stats = { rows: 10_000, matched: 9_991, regions: 3, covered: 9, total: 342, multiMembership: 1 };
    expect(describeStats(stats, 'nl')).toBe(
      '10.000 rijen gelezen, 9.991 gebruikt; 3 regio’s; 9 van de 342 gemeenten ingedeeld; 1 gemeente in meer dan één regio.',
    );
    expect(describeStats({ ...stats, multiMembership: 0, rows: 1 }, 'en', 'geojson')).toBe(
      '1 feature read, 9,991 used; 3 regions; 9 of the 342 municipalities placed.',
    );
  });

  it('say a layer JSON’s members as memberships', () => {
    const stats = { rows: 3, matched: 5, regions: 3, covered: 3, total: 9, multiMembership: 2 };
    expect(describeStats(stats, 'nl', 'layer-json')).toBe(
      '3 regio’s gelezen met 5 lidmaatschappen; 3 regio’s; 3 van de 9 gemeenten ingedeeld; 2 gemeenten in meer dan één regio.',
    );
    expect(describeStats({ ...stats, matched: 1 }, 'en', 'layer-json')).toMatch(/^3 regions read with 1 membership;/);
  });

  it('say each storage failure in both languages', () => {
    for (const reason of ['unavailable', 'quota', 'failed'] as const) {
      expect(describeStorageFailure(reason, 'nl')).not.toBe(describeStorageFailure(reason, 'en'));
    }
  });
});
