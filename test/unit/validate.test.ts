import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/lib/data/csv';
import {
  checkReferenceYear,
  readMembershipRows,
  validateInhabitants,
  validateMemberships,
  type MembershipInput,
  type MembershipRow,
} from '../../src/lib/data/validate';
import { errorOf } from '../fixtures/data-errors';

const FILE = 'membership/test_2025.csv';
const MUNICIPALITIES = new Map([
  ['GM0001', 'Aa'],
  ['GM0002', 'Bee'],
  ['GM0003', 'Cee'],
  ['GM0004', 'Dee'],
]);
const PARTITION = { isComplete: true, allowsMultiMembership: false };
const PARTIAL_MULTI = { isComplete: false, allowsMultiMembership: true };

/** Rows from compact tuples; line numbers start at 2 (line 1 is the header). */
function rows(...tuples: [string, string, string][]): MembershipRow[] {
  return tuples.map(([municipalityCode, regionCode, regionName], i) => ({
    line: i + 2,
    municipalityCode,
    municipalityName: MUNICIPALITIES.get(municipalityCode) ?? '?',
    regionCode,
    regionName,
  }));
}

function input(rowList: MembershipRow[], overrides: Partial<MembershipInput> = {}): MembershipInput {
  return { file: FILE, rows: rowList, municipalities: MUNICIPALITIES, coverage: PARTITION, ...overrides };
}

const COMPLETE = rows(
  ['GM0001', 'R1', 'Een'],
  ['GM0002', 'R1', 'Een'],
  ['GM0003', 'R2', 'Twee'],
  ['GM0004', 'R2', 'Twee'],
);

describe('validateMemberships: success', () => {
  it('builds regions sorted by code with sorted members from an unsorted complete partition', () => {
    const regions = validateMemberships(
      input(rows(['GM0004', 'R2', 'Twee'], ['GM0002', 'R1', 'Een'], ['GM0003', 'R2', 'Twee'], ['GM0001', 'R1', 'Een'])),
    );
    expect(regions).toEqual([
      { code: 'R1', name: 'Een', members: ['GM0001', 'GM0002'] },
      { code: 'R2', name: 'Twee', members: ['GM0003', 'GM0004'] },
    ]);
  });

  it('accepts partial coverage and multi-membership when the rules allow them', () => {
    const regions = validateMemberships(
      input(rows(['GM0002', 'R2', 'Twee'], ['GM0001', 'R1', 'Een'], ['GM0002', 'R1', 'Een']), {
        coverage: PARTIAL_MULTI,
      }),
    );
    expect(regions).toEqual([
      { code: 'R1', name: 'Een', members: ['GM0001', 'GM0002'] },
      { code: 'R2', name: 'Twee', members: ['GM0002'] },
    ]);
  });

  it('joins the distinct notes of a region in file order', () => {
    const noted = rows(
      ['GM0001', 'R1', 'Een'],
      ['GM0002', 'R1', 'Een'],
      ['GM0003', 'R1', 'Een'],
      ['GM0004', 'R2', 'Twee'],
    );
    noted[0]!.note = 'fact B';
    noted[1]!.note = 'fact A';
    noted[2]!.note = 'fact B';
    const regions = validateMemberships(input(noted));
    expect(regions[0]!.note).toBe('fact B\nfact A');
    expect(regions[1]).not.toHaveProperty('note');
  });

  it('accepts declared regions that all have gemeenten', () => {
    const regions = validateMemberships(
      input(COMPLETE, {
        declaredRegions: [
          { code: 'R2', name: 'Twee', line: 3 },
          { code: 'R1', name: 'Een', line: 2 },
        ],
      }),
    );
    expect(regions.map((r) => r.code)).toEqual(['R1', 'R2']);
  });
});

describe('validateMemberships: each problem names file, line and code', () => {
  it('unknown gemeente code', () => {
    const table = [...COMPLETE, ...rows(['GM9999', 'R1', 'Een'])];
    table[4]!.line = 6;
    const { message, file } = errorOf(() => validateMemberships(input(table)));
    expect(file).toBe(FILE);
    expect(message).toContain(`${FILE}, line 6: unknown gemeente code "GM9999"`);
  });

  it('empty gemeente code', () => {
    const table = rows(['', 'R1', 'Een']);
    expect(errorOf(() => validateMemberships(input(table, { coverage: PARTIAL_MULTI }))).message).toContain(
      `${FILE}, line 2: empty gemeente code (region "R1")`,
    );
  });

  it('duplicate row (same gemeente and region twice)', () => {
    const table = [...COMPLETE, { ...COMPLETE[2]!, line: 6 }];
    const { message } = errorOf(() => validateMemberships(input(table)));
    expect(message).toContain(`${FILE}, line 6: duplicate row: gemeente GM0003 in region R2 again (first on line 4)`);
  });

  it('duplicate row is reported even when multi-membership is allowed', () => {
    const table = rows(['GM0001', 'R1', 'Een'], ['GM0001', 'R1', 'Een']);
    const { message } = errorOf(() => validateMemberships(input(table, { coverage: PARTIAL_MULTI })));
    expect(message).toContain(`${FILE}, line 3: duplicate row: gemeente GM0001 in region R1`);
  });

  it('gemeente in two regions when the layer allows one', () => {
    const table = [...COMPLETE, { ...COMPLETE[0]!, regionCode: 'R2', regionName: 'Twee', line: 6 }];
    const { message } = errorOf(() => validateMemberships(input(table)));
    expect(message).toContain(`${FILE}, line 6: gemeente GM0001 (Aa) is in region R2 and in region R1 (line 2)`);
  });

  it('gemeenten missing from a layer that claims full coverage, listed with names', () => {
    const { message } = errorOf(() => validateMemberships(input(COMPLETE.slice(0, 2))));
    expect(message).toContain(
      `${FILE}: 2 gemeente(n) of the geometry without a region, but the layer claims full coverage: GM0003 Cee, GM0004 Dee`,
    );
  });

  it('declared region without gemeenten', () => {
    const declaredRegions = [
      { code: 'R1', name: 'Een', line: 2 },
      { code: 'R2', name: 'Twee', line: 3 },
      { code: 'R3', name: 'Drie', line: 4 },
    ];
    const { message } = errorOf(() => validateMemberships(input(COMPLETE, { declaredRegions })));
    expect(message).toContain(`${FILE}, region table line 4: region R3 (Drie) has no gemeenten`);
  });

  it('row whose region is not in the region table', () => {
    const declaredRegions = [{ code: 'R1', name: 'Een', line: 2 }];
    const { message } = errorOf(() => validateMemberships(input(COMPLETE, { declaredRegions })));
    expect(message).toContain(`${FILE}, line 4: region R2 (gemeente GM0003) is not in the region table`);
  });

  it('empty region code', () => {
    const table = rows(['GM0001', '', 'Een']);
    const { message } = errorOf(() => validateMemberships(input(table, { coverage: PARTIAL_MULTI })));
    expect(message).toContain(`${FILE}, line 2: empty region code for gemeente GM0001`);
  });

  it('empty region name', () => {
    const table = rows(['GM0001', 'R1', '']);
    const { message } = errorOf(() => validateMemberships(input(table, { coverage: PARTIAL_MULTI })));
    expect(message).toContain(`${FILE}, line 2: empty region name for region "R1" (gemeente GM0001)`);
  });

  it('same region code with two names', () => {
    const table = [...COMPLETE];
    table[3] = { ...table[3]!, regionName: 'Twee-bis' };
    const { message } = errorOf(() => validateMemberships(input(table)));
    expect(message).toContain(
      `${FILE}, line 5: region R2 is named "Twee-bis" here but "Twee" on line 4 (gemeente GM0004)`,
    );
  });

  it('lists all problems at once, one per line, with a count', () => {
    const table = rows(['GM9999', 'R1', 'Een'], ['GM0001', 'R1', 'Een'], ['GM0001', 'R1', 'Een'], ['GM0002', '', 'X']);
    const { message } = errorOf(() => validateMemberships(input(table)));
    expect(message.split('\n')[0]).toBe(`${FILE}: 4 problems in the membership table:`);
    expect(message).toContain('unknown gemeente code "GM9999"');
    expect(message).toContain('line 4: duplicate row');
    expect(message).toContain('line 5: empty region code for gemeente GM0002');
    expect(message).toContain('GM0002 Bee, GM0003 Cee, GM0004 Dee');
  });
});

describe('readMembershipRows', () => {
  it('reads the four columns and the note column, with line numbers', () => {
    const table = parseCsv(
      'gemeentecode,gemeentenaam,regiocode,regionaam,source\nGM0001,Aa,R1,"Een, de eerste",bron A\nGM0002,Bee,R1,"Een, de eerste",\n',
      FILE,
    );
    expect(readMembershipRows(table, FILE, { noteColumn: 'source' })).toEqual([
      {
        line: 2,
        municipalityCode: 'GM0001',
        municipalityName: 'Aa',
        regionCode: 'R1',
        regionName: 'Een, de eerste',
        note: 'bron A',
      },
      { line: 3, municipalityCode: 'GM0002', municipalityName: 'Bee', regionCode: 'R1', regionName: 'Een, de eerste' },
    ]);
  });

  it('names every missing required column', () => {
    const table = parseCsv('gemeentecode,regio\nGM0001,R1\n', FILE);
    const { message } = errorOf(() => readMembershipRows(table, FILE, { noteColumn: 'source' }));
    expect(message).toBe(
      `${FILE}, line 1: missing column(s) "gemeentenaam", "regiocode", "regionaam", "source" (header: gemeentecode,regio)`,
    );
  });
});

describe('checkReferenceYear', () => {
  const table = parseCsv('gemeentecode,reference_year\nGM0001,2017\nGM0002,2016\nGM0003,2017\n', FILE);

  it('accepts a table whose rows all have the year', () => {
    const good = parseCsv('gemeentecode,reference_year\nGM0001,2017\nGM0002,2017\n', FILE);
    expect(() => checkReferenceYear(good, FILE, 'reference_year', 2017)).not.toThrow();
  });

  it('names the row with another year', () => {
    const { message } = errorOf(() => checkReferenceYear(table, FILE, 'reference_year', 2017));
    expect(message).toContain(`${FILE}, line 3: reference_year is "2016", expected 2017`);
    expect(message).not.toContain('line 2:');
  });
});

describe('validateInhabitants', () => {
  const INH = 'cbs/inwoners_test.csv';
  const csv = (body: string) => parseCsv(`gemeentecode,gemeentenaam,inwoners\n${body}`, INH);

  it('returns the figures and warns about gemeenten without one', () => {
    const result = validateInhabitants(csv('GM0001,Aa,100\nGM0003,Cee,0\n'), INH, MUNICIPALITIES);
    expect([...result.inhabitants]).toEqual([
      ['GM0001', 100],
      ['GM0003', 0],
    ]);
    expect(result.warnings).toEqual([`${INH}: no inhabitants for 2 gemeente(n): GM0002 Bee, GM0004 Dee`]);
  });

  it('has no warnings when every gemeente has a figure', () => {
    const result = validateInhabitants(
      csv('GM0001,Aa,1\nGM0002,Bee,2\nGM0003,Cee,3\nGM0004,Dee,4\n'),
      INH,
      MUNICIPALITIES,
    );
    expect(result.warnings).toEqual([]);
    expect([...result.inhabitants.values()].reduce((a, b) => a + b)).toBe(10);
  });

  it('unknown gemeente code', () => {
    const { message } = errorOf(() => validateInhabitants(csv('GM0001,Aa,1\nGM0404,Nergens,2\n'), INH, MUNICIPALITIES));
    expect(message).toContain(`${INH}, line 3: unknown gemeente code "GM0404"`);
  });

  it('duplicate gemeente code', () => {
    const { message } = errorOf(() => validateInhabitants(csv('GM0001,Aa,1\nGM0001,Aa,1\n'), INH, MUNICIPALITIES));
    expect(message).toContain(`${INH}, line 3: gemeente GM0001 appears again (first on line 2)`);
  });

  it.each(['12.5', '-3', '1.000', '', 'n/a', '1e3'])('non-integer value %j', (value) => {
    const { message } = errorOf(() => validateInhabitants(csv(`GM0002,Bee,"${value}"\n`), INH, MUNICIPALITIES));
    expect(message).toContain(`${INH}, line 2: inhabitants of GM0002 "${value}" is not a whole number`);
  });

  it('missing column', () => {
    const table = parseCsv('gemeentecode,aantal\nGM0001,1\n', INH);
    expect(errorOf(() => validateInhabitants(table, INH, MUNICIPALITIES)).message).toContain(
      `${INH}, line 1: missing column(s) "inwoners"`,
    );
  });
});
