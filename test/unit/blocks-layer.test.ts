import { describe, expect, it } from 'vitest';
import { gridAtlas, gridLayer } from '../fixtures/grid-atlas';
import { computeBuildingBlocks } from '../../src/lib/stats/blocks';
import { blocksLayerFile, blocksLayerId } from '../../src/lib/stats/blocks-layer';
import { parseLayerFile } from '../../src/lib/data/parse';

describe('blocksLayerFile', () => {
  const atlas = gridAtlas();
  const layers = [gridLayer(atlas, 'rows'), gridLayer(atlas, 'partial')];
  const blocks = computeBuildingBlocks(atlas, layers);

  it('makes a valid layer with a region per building block, partial where the figures leave gemeenten out', () => {
    const file = blocksLayerFile(atlas, blocks, layers, 'blocks');
    // It must read as any layer file does (the app builds its geometry like any other).
    expect(parseLayerFile(JSON.parse(JSON.stringify(file)), 'blocks').meta.id).toBe(blocksLayerId('blocks', 2025));
    // Rows × the north-west 2×2 block: {1, 2} and {4, 5} are together in both; the rest is left out.
    expect(file.regions).toEqual([
      { code: 'B001', name: 'Bouwsteen 1', members: ['GM0001', 'GM0002'] },
      { code: 'B002', name: 'Bouwsteen 2', members: ['GM0004', 'GM0005'] },
    ]);
    expect(file.meta.coverage).toEqual({ isComplete: false, allowsMultiMembership: false });
    expect(file.meta.source.citation).toContain('Indeling rows');
    expect(file.meta.source.citation).toContain('Indeling partial');
  });

  it('makes a region per coarse group, which holds every gemeente either layout covers', () => {
    const file = blocksLayerFile(atlas, blocks, layers, 'groups');
    expect(file.meta.id).toBe('gemeenschappelijke-groepen-2025');
    // Rows 1 and 2 are joined by the partial block; row 3 is a group of its own.
    expect(file.regions.map((r) => r.members)).toEqual([
      ['GM0001', 'GM0002', 'GM0003', 'GM0004', 'GM0005', 'GM0006'],
      ['GM0007', 'GM0008', 'GM0009'],
    ]);
    expect(file.meta.coverage.isComplete).toBe(true);
  });
});
