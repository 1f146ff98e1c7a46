/**
 * Projector mode's lane gap (geometry.ts projectorLaneGap): the lanes fit the diagram's width
 * with room for the row text, down to a floor; a wide panel keeps the usual gap.
 */
import { describe, expect, it } from 'vitest';
import { PROJECTOR_LEAST_TEXT_W, PROJECTOR_MIN_TEXT_W, TIME_W, laneGap, lanesWidth, projectorLaneGap } from '../../src/ui/sequence/geometry.ts';

describe('projectorLaneGap', () => {
  it('fits five lanes into the 539 px a 1280 px window leaves the zoomed diagram, with room for about 20 characters of row text', () => {
    const gap = projectorLaneGap(5, 539, 78);
    expect(TIME_W + lanesWidth(5, gap) + PROJECTOR_MIN_TEXT_W).toBeLessThanOrEqual(539);
    expect(PROJECTOR_MIN_TEXT_W).toBeGreaterThanOrEqual(180);
    expect(gap).toBeGreaterThanOrEqual(44);
  });

  it('fits six lanes too, the row text giving way to its least room before the diagram scrolls', () => {
    const gap = projectorLaneGap(6, 539, 78);
    expect(gap).toBe(44);
    expect(TIME_W + lanesWidth(6, gap) + PROJECTOR_LEAST_TEXT_W).toBeLessThanOrEqual(539);
    expect(TIME_W + lanesWidth(6, gap) + PROJECTOR_MIN_TEXT_W).toBeGreaterThan(539);
  });

  it('gives the names the gap they need on two rows, taking it from the row text down to its least room', () => {
    // 1024 px: 480 px for the zoomed diagram; beside 180 px of text the lanes would be 35 px apart.
    expect(projectorLaneGap(5, 480, 78, 48)).toBe(48);
    expect(projectorLaneGap(5, 480, 78, 40)).toBe(44);
    // Never below the least room for the text: 50 px apart at most here.
    expect(projectorLaneGap(5, 480, 78, 70)).toBe(50);
  });

  it('keeps the usual gap where there is room', () => {
    expect(projectorLaneGap(5, 2000)).toBe(laneGap(5));
    expect(projectorLaneGap(3, 900, 70)).toBe(laneGap(3));
  });

  it('does not go below its floor for very many lanes (then the diagram scrolls)', () => {
    expect(projectorLaneGap(20, 477, 90)).toBe(44);
  });
});
