/**
 * Normal mode's lane gap (geometry.ts normalLaneGap): the names on one row where they fit at the
 * gap the row text leaves (as at 1440 px), else the gap for two rows, never so wide that the
 * lanes and the text's least room (10rem) push past the panel.
 */
import { describe, expect, it } from 'vitest';
import { TIME_W, laneGap, lanesWidth, normalLaneGap } from '../../src/ui/sequence/geometry.ts';

describe('normalLaneGap', () => {
  it('keeps the full gap in a wide panel whose names fit on one row (1440 px, three lanes)', () => {
    expect(normalLaneGap(3, 702, 77, 39)).toBe(laneGap(3));
  });

  it('keeps the narrowest one-row gap where six names fit it (1440 px, exercise 19/1)', () => {
    expect(normalLaneGap(6, 702, 63, 32)).toBe(64);
  });

  it('goes to two rows on a 1024 px tablet rather than put broker and dashboard a few px apart', () => {
    // One row needs 77 px (14 px between the names), the text leaves 64.
    expect(normalLaneGap(3, 554, 77, 39)).toBe(64);
  });

  it('fits six lanes and 160 px of text into a 554 px panel (no sideways scroll)', () => {
    const gap = normalLaneGap(6, 554, 63, 32);
    expect(TIME_W + lanesWidth(6, gap) + 160).toBeLessThanOrEqual(554);
    expect(gap).toBeGreaterThanOrEqual(44);
  });

  it('gives long names on two rows the gap they need, as far as the text allows', () => {
    expect(normalLaneGap(4, 700, 200, 90)).toBe(90);
    expect(normalLaneGap(4, 540, 200, 90)).toBe(Math.floor((540 - TIME_W - 160 - 80) / 3));
  });
});
