/**
 * ARI, NMI and VI, worked out on paper on the 3×3 grid (formulas in src/lib/stats/partition.ts),
 * and checked against a brute-force count over all pairs of gemeenten.
 */
import { describe, expect, it } from 'vitest';
import { computePartitionAgreement, scorePartitions } from '../../src/lib/stats/partition';
import { generatedAtlas, gridAtlas, gridLayer, type GridKind } from '../fixtures/grid-atlas';

const grid = gridAtlas();
const agreement = (a: GridKind, b: GridKind) => computePartitionAgreement(grid, gridLayer(grid, a), gridLayer(grid, b));
const log2 = Math.log2;

/** The scores of a defined agreement, failing the test otherwise. */
function scores(a: GridKind, b: GridKind) {
  const result = agreement(a, b);
  if (!result.isDefined) throw new Error(`expected a defined agreement for ${a} and ${b}, got ${result.reason}`);
  return result;
}

describe('scorePartitions', () => {
  it('rows against columns: ARI −1/3, NMI 0, VI 2·log₂3', () => {
    // Contingency: every n_ij = 1. Σ C(n_ij,2) = 0; Σ C(a_i,2) = Σ C(b_j,2) = 3·C(3,2) = 9; C(9,2) = 36.
    // E = 9·9/36 = 2.25; max = 9; ARI = (0 − 2.25)/(9 − 2.25) = −1/3.
    // H = log₂3 each; I = Σ (1/9)·log₂(9·1/(3·3)) = 0; NMI = 0; VI = 2·log₂3; VI/log₂9 = 1.
    const s = scores('rows', 'columns');
    expect(s.ari).toBeCloseTo(-1 / 3, 12);
    expect(s.nmi).toBe(0);
    expect(s.viBits).toBeCloseTo(2 * log2(3), 12);
    expect(s.viNormalized).toBeCloseTo(1, 12);
    expect([s.n, s.partCountA, s.partCountB]).toEqual([9, 3, 3]);
  });

  it('rows against L/block: ARI 2/17', () => {
    // Contingency (rows × Hoek, Blok): R1 (1, 2), R2 (1, 2), R3 (3, 0); column sums 5 and 4.
    // Σ C(n_ij,2) = 0 + 1 + 0 + 1 + 3 = 5; Σ C(a_i,2) = 9; Σ C(b_j,2) = 10 + 6 = 16; C(9,2) = 36.
    // E = 9·16/36 = 4; max = (9 + 16)/2 = 12.5; ARI = (5 − 4)/(12.5 − 4) = 2/17.
    const s = scores('rows', 'ell');
    expect(s.ari).toBeCloseTo(2 / 17, 12);
    // H(rows) = log₂3; H(L) = (5/9)·log₂(9/5) + (4/9)·log₂(9/4).
    const hRows = log2(3);
    const hEll = (5 / 9) * log2(9 / 5) + (4 / 9) * log2(9 / 4);
    // I = 2·[(1/9)·log₂(9·1/(3·5)) + (2/9)·log₂(9·2/(3·4))] + (3/9)·log₂(9·3/(3·5)).
    const mi = 2 * ((1 / 9) * log2(9 / 15) + (2 / 9) * log2(18 / 12)) + (3 / 9) * log2(27 / 15);
    expect(s.entropyABits).toBeCloseTo(hRows, 12);
    expect(s.entropyBBits).toBeCloseTo(hEll, 12);
    expect(s.mutualInformationBits).toBeCloseTo(mi, 12);
    expect(s.nmi).toBeCloseTo(mi / ((hRows + hEll) / 2), 12);
    expect(s.viBits).toBeCloseTo(hRows + hEll - 2 * mi, 12);
  });

  it('cells against rows: ARI 0, NMI 2/3, VI log₂3', () => {
    // Cells are singletons: Σ C(n_ij,2) = 0 and Σ C(a_i,2) = 0, so E = 0 and ARI = 0/4.5 = 0.
    // I = H(rows) = log₂3, H(cells) = log₂9 = 2·log₂3: NMI = log₂3 / (1.5·log₂3) = 2/3; VI = log₂9 − log₂3.
    const s = scores('cells', 'rows');
    expect(s.ari).toBe(0);
    expect(s.nmi).toBeCloseTo(2 / 3, 12);
    expect(s.viBits).toBeCloseTo(log2(3), 12);
  });

  it('gives 1, 1 and 0 for identical labelings, whatever the label values', () => {
    const s = scorePartitions([5, 5, 7, 7, 9], [0, 0, 1, 1, 2]);
    expect([s.ari, s.nmi, s.viBits, s.viNormalized]).toEqual([1, 1, 0, 0]);
  });

  it('treats the degenerate cases as identical: all in one part, all singletons, one item', () => {
    expect(scorePartitions([0, 0, 0], [1, 1, 1])).toMatchObject({ ari: 1, nmi: 1, viBits: 0 });
    expect(scorePartitions([0, 1, 2], [2, 0, 1])).toMatchObject({ ari: 1, nmi: 1, viBits: 0 });
    expect(scorePartitions([3], [4])).toMatchObject({ n: 1, ari: 1, nmi: 1, viBits: 0, viNormalized: 0 });
  });

  it('agrees with the adjusted index counted over all pairs of items', () => {
    const a = [0, 0, 1, 1, 1, 2, 2, 3, 3, 3, 3];
    const b = [0, 1, 1, 1, 2, 2, 2, 2, 3, 3, 0];
    // Brute force: pairs together in A, in B, in both.
    let togetherA = 0;
    let togetherB = 0;
    let both = 0;
    for (let i = 0; i < a.length; i++) {
      for (let j = i + 1; j < a.length; j++) {
        const inA = a[i] === a[j];
        const inB = b[i] === b[j];
        if (inA) togetherA++;
        if (inB) togetherB++;
        if (inA && inB) both++;
      }
    }
    const pairs = (a.length * (a.length - 1)) / 2;
    const expected = (togetherA * togetherB) / pairs;
    const ari = (both - expected) / ((togetherA + togetherB) / 2 - expected);
    expect(scorePartitions(a, b).ari).toBeCloseTo(ari, 12);
  });

  it('rejects labelings of different lengths or no items', () => {
    expect(() => scorePartitions([0, 1], [0])).toThrow('partition labels of different lengths: 2 and 1');
    expect(() => scorePartitions([], [])).toThrow('partition agreement needs at least one item');
  });
});

describe('computePartitionAgreement', () => {
  it('uses the common gemeenten only (rows against the partial block {1,2,4,5})', () => {
    // Rows on {1,2,4,5}: {1,2}, {4,5}; partial: one part. Σ C(n_ij,2) = 2; Σ C(a_i,2) = 2; Σ C(b_j,2) = 6; C(4,2) = 6.
    // E = 2·6/6 = 2; max = 4; ARI = 0. H(rows) = 1 bit, H(partial) = 0, I = 0: NMI = 0, VI = 1 bit, VI/log₂4 = 1/2.
    const s = scores('rows', 'partial');
    expect([s.n, s.ari, s.nmi, s.viBits, s.viNormalized]).toEqual([4, 0, 0, 1, 0.5]);
  });

  it('is not defined with multi-membership among the common gemeenten, and says where', () => {
    expect(agreement('rows', 'overlap')).toEqual({
      isDefined: false,
      reason: 'multi-membership',
      multiMemberCountA: 0,
      multiMemberCountB: 2,
    });
    expect(agreement('overlap', 'rows')).toMatchObject({ multiMemberCountA: 2, multiMemberCountB: 0 });
  });

  it('is not defined without common gemeenten', () => {
    // A 2×1 grid: layer a covers only GM0001, layer b only GM0002.
    const atlas = generatedAtlas(2, 1, [
      { id: 'a', memberships: [[0], []] },
      { id: 'b', memberships: [[], [0]] },
    ]);
    expect(computePartitionAgreement(atlas, atlas.layers[0]!, atlas.layers[1]!)).toEqual({
      isDefined: false,
      reason: 'no-common-gemeenten',
      multiMemberCountA: 0,
      multiMemberCountB: 0,
    });
  });
});
