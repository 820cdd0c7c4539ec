import { describe, expect, it } from 'vitest';
import { translate } from '../../src/lib/i18n/messages';
import { formatDate, formatNumber } from '../../src/lib/i18n/format';

describe('translate', () => {
  it('fills placeholders in both languages', () => {
    expect(translate('nl', 'coveragePartial', { covered: 5, total: 342 })).toBe('5 van 342 gemeenten bekend');
    expect(translate('en', 'coveragePartial', { covered: 5, total: 342 })).toBe('5 of 342 municipalities known');
  });
  it('leaves an unknown placeholder visible rather than dropping it', () => {
    expect(translate('en', 'regions')).toBe('{count} regions');
  });
});

describe('formatNumber and formatDate', () => {
  it('uses Dutch and English separators', () => {
    expect(formatNumber(1234.5, 'nl', 1)).toBe('1.234,5');
    expect(formatNumber(1234.5, 'en', 1)).toBe('1,234.5');
  });
  it('writes dates in the interface language, independent of the time zone', () => {
    expect(formatDate('2025-01-01', 'nl')).toBe('1 januari 2025');
    expect(formatDate('2024-01-01', 'en')).toBe('1 January 2024');
  });
  it('returns a malformed date unchanged', () => {
    expect(formatDate('2025', 'nl')).toBe('2025');
  });
});
