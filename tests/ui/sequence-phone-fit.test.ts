/**
 * The sequence diagram on a phone (geometry.ts normalTextW, arrowLabelX): three lanes and the row
 * text fit a 390 or 360 px phone's diagram (372 and 342 px) without scrolling sideways, the text
 * keeping its 160 px where a wider panel has them; and an arrow's label near the first or last
 * lane moves inwards instead of being cut at the drawing's edge.
 */
import { describe, expect, it } from 'vitest';
import { NARROW_LEAST_TEXT_W, TIME_W, arrowLabelX, lanesWidth, normalLaneGap, normalTextW, textOverlapPx } from '../../src/ui/sequence/geometry.ts';

/** The diagram's width with three lanes at normal mode's gap (the names of the default scenario: 77 px on one row, 39 on two). */
function widthWithThreeLanes(panelPx: number): number {
  const lanes = lanesWidth(3, normalLaneGap(3, panelPx, 77, 39));
  return TIME_W + lanes + normalTextW(panelPx, lanes);
}

describe('the sequence diagram on a phone', () => {
  it.each([372, 342])('fits three lanes and the row text into a %i px diagram', (panelPx) => {
    expect(widthWithThreeLanes(panelPx)).toBeLessThanOrEqual(panelPx);
    expect(normalTextW(panelPx, lanesWidth(3, 44))).toBeGreaterThanOrEqual(NARROW_LEAST_TEXT_W);
  });

  it('keeps the text its 160 px in a wider panel (a tablet)', () => {
    expect(normalTextW(554, lanesWidth(3, 64))).toBe(160);
  });

  it('lets the row text start closer to the last lane on a phone, and keeps a tablet\'s apart', () => {
    const lanes = lanesWidth(3, 44);
    const overlap = textOverlapPx(normalTextW(372, lanes));
    expect(overlap).toBe(16);
    // PUBLISH q1 retain id=1 (about 140 px with its halo) still fits between the drawing's left edge and the text.
    const x = arrowLabelX(60, 140, lanes - overlap - 4);
    expect(x + 140 / 2).toBeLessThanOrEqual(lanes - overlap);
    expect(textOverlapPx(normalTextW(554, lanesWidth(3, 64)))).toBe(0);
  });

  it('scrolls sideways only when the lanes leave less than the least room (five lanes on a 342 px phone)', () => {
    const lanes = lanesWidth(5, 44);
    expect(normalTextW(342, lanes)).toBe(NARROW_LEAST_TEXT_W);
    expect(TIME_W + lanes + NARROW_LEAST_TEXT_W).toBeGreaterThan(342);
  });
});

describe('arrowLabelX', () => {
  it('keeps a label over the middle of its arrow where it fits', () => {
    expect(arrowLabelX(84, 100, 168)).toBe(84);
  });

  it('moves a long label near the first lane inwards, with room for its halo', () => {
    // PUBLISH q1 retain id=1 (about 130 px) on an arrow just leaving the first lane (x 40).
    const x = arrowLabelX(45, 130, 168);
    expect(x - 130 / 2).toBeGreaterThanOrEqual(3);
    expect(x + 130 / 2).toBeLessThanOrEqual(168);
  });

  it('moves a label near the last lane inwards', () => {
    const x = arrowLabelX(140, 116, 168);
    expect(x + 116 / 2).toBeLessThanOrEqual(168 - 3);
  });

  it('centres a label wider than the drawing', () => {
    expect(arrowLabelX(20, 200, 168)).toBe(84);
  });
});
