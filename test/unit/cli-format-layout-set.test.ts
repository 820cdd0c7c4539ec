/**
 * Text of `atlas congruence` and `atlas blocks` for the cases the command-line tests on the grid do not reach:
 * layers without a gemeente in common, and gemeenten no layer covers.
 */
import { describe, expect, it } from 'vitest';
import { exportTableCsv, formatBuildingBlocks, formatMultiCongruence } from '../../src/cli/format';
import { buildingBlocksTable } from '../../src/lib/export/tables';
import { computeBuildingBlocks } from '../../src/lib/stats/blocks';
import { computeMultiCongruence } from '../../src/lib/stats/multi-congruence';
import { generatedAtlas } from '../fixtures/grid-atlas';

// A 3×1 grid: layer a covers GM0001 only, layer b GM0002 only; GM0003 is in neither.
const atlas = generatedAtlas(3, 1, [
  { id: 'a', memberships: [[0], [], []] },
  { id: 'b', memberships: [[], [0], []] },
]);
const layers = [atlas.layersById.get('a')!, atlas.layersById.get('b')!];

describe('formatMultiCongruence', () => {
  it('says n/a for the means when no gemeente is covered by every layer', () => {
    const text = formatMultiCongruence(computeMultiCongruence(atlas, layers), atlas);
    expect(text).toContain('\nMunicipalities compared: 0 of 3 (covered by every layer)\n');
    expect(text).toContain(
      'Left out: 3 municipalities not in every layer\n- no b (1): GM0001\n- no a (1): GM0002\n- no a, no b (1): GM0003\n',
    );
    expect(text).toContain('\nMean congruence: n/a; by inhabitants: n/a\n');
    expect(text).toMatch(/\n0–10% +0\n/);
    expect(text.endsWith('code  name  congruence  partners  a  b\n----  ----  ----------  --------  -  -\n')).toBe(
      true,
    );
  });
});

describe('formatBuildingBlocks', () => {
  it('names the gemeenten in no group', () => {
    const result = computeBuildingBlocks(atlas, layers);
    const text = formatBuildingBlocks(result, atlas);
    expect(text).toContain('\nBuilding blocks (municipalities together in every layout): 0, on 0 of 3 municipalities');
    expect(text).toContain('\nIn no group (no layer covers them): GM0003\n');
    expect(text).toContain('\nCoarsest common groups (2)\n1. 1 municipality; a X000; b –: GM0001\n');
    expect(exportTableCsv(buildingBlocksTable(atlas, ['a', 'b'], 'en', result))).toBe(
      'block_number,municipality_code,municipality_name,group_number\n,GM0001,GM0001,1\n,GM0002,GM0002,2\n,GM0003,GM0003,\n',
    );
  });
});
