/** Sizes shared by the sequence diagram on screen and its SVG export (CSS pixels). */
export const ROW_H = 22;
export const TIME_W = 80;
export const HEADER_H = 26;
const LANE_PAD = 40;

export function laneGap(lanes: number): number {
  return lanes <= 3 ? 112 : lanes <= 5 ? 96 : 80;
}

export function laneX(index: number, lanes: number): number {
  return LANE_PAD + index * laneGap(lanes);
}

export function lanesWidth(lanes: number): number {
  return 2 * LANE_PAD + Math.max(0, lanes - 1) * laneGap(lanes);
}

/** Where an arrow ends on screen: its target lane, or a little past the middle when lost. */
export function arrowEndX(fromX: number, toX: number, dropped: boolean): number {
  return dropped ? fromX + (toX - fromX) * 0.55 : toX;
}
