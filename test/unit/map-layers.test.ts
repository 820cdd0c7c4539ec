import { describe, expect, it } from 'vitest';
import {
  baseStyle,
  fillColourExpression,
  regionFillLayer,
  regionLineLayers,
  regionSourceId,
} from '../../src/lib/map/layers';
import { LINE_SPACING_PX, lineOffsets, MAX_LINE_OFFSET_PX } from '../../src/lib/scales/line-style';
import { fillColour } from '../../src/lib/scales/palette';
import type { LayerMeta } from '../../src/lib/types';

const meta = {
  id: 'test-2025',
  color: '#0072B2',
  dash: [2, 1],
  coverage: { isComplete: true, allowsMultiMembership: false },
} as LayerMeta;

describe('lineOffsets', () => {
  it('is centred on the border and evenly spaced', () => {
    expect(lineOffsets(1)).toEqual([0]);
    expect(lineOffsets(2)).toEqual([-LINE_SPACING_PX / 2, LINE_SPACING_PX / 2]);
    const four = lineOffsets(4);
    expect(four.reduce((a, b) => a + b, 0)).toBeCloseTo(0);
    for (let i = 1; i < four.length; i++) expect(four[i]! - four[i - 1]!).toBeCloseTo(LINE_SPACING_PX);
  });
  it('gives no offsets for no layers', () => {
    expect(lineOffsets(0)).toEqual([]);
  });
  it('keeps the spacing while the lines fit in the band, and narrows it beyond, never past the band', () => {
    const seven = lineOffsets(7);
    expect(seven[0]).toBeCloseTo(-MAX_LINE_OFFSET_PX);
    expect(seven[1]! - seven[0]!).toBeCloseTo(LINE_SPACING_PX);
    for (const count of [8, 11, 50]) {
      const offsets = lineOffsets(count);
      expect(offsets[0]).toBeCloseTo(-MAX_LINE_OFFSET_PX);
      expect(offsets[count - 1]).toBeCloseTo(MAX_LINE_OFFSET_PX);
      const spacing = (2 * MAX_LINE_OFFSET_PX) / (count - 1);
      expect(spacing).toBeLessThan(LINE_SPACING_PX);
      for (let i = 1; i < count; i++) expect(offsets[i]! - offsets[i - 1]!).toBeCloseTo(spacing);
    }
  });
});

describe('fillColourExpression', () => {
  it('maps every region code to its palette colour, in code order', () => {
    const expr = fillColourExpression(
      new Map([
        ['B', 1],
        ['A', 0],
      ]),
    );
    expect(expr).toEqual(['match', ['get', 'code'], 'A', fillColour(0), 'B', fillColour(1), fillColour(0)]);
  });
  it('is a plain colour for a layer without regions (a match needs at least one pair)', () => {
    expect(fillColourExpression(new Map())).toBe(fillColour(0));
  });
});

describe('layer specifications', () => {
  it('draws the region fill from the layer source, hidden until chosen', () => {
    const spec = regionFillLayer(meta, new Map([['A', 2]]));
    expect(spec).toMatchObject({
      id: 'region-fill:test-2025',
      source: regionSourceId('test-2025'),
      layout: { visibility: 'none' },
    });
  });
  it('draws borders in the layer colour and dash, and a highlight driven by feature-state', () => {
    const [line, highlight] = regionLineLayers(meta);
    expect(line).toMatchObject({ type: 'line', paint: { 'line-color': '#0072B2', 'line-dasharray': [2, 1] } });
    expect(JSON.stringify(highlight)).toContain('feature-state');
  });
  it('uses a local style only: no glyphs, sprites or remote sources', () => {
    const style = baseStyle();
    expect(style.glyphs).toBeUndefined();
    expect(style.sprite).toBeUndefined();
    expect(style.sources).toEqual({});
  });
});
