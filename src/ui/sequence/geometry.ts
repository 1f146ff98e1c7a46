/** Sizes shared by the sequence diagram on screen and its SVG export (CSS pixels). */
export const ROW_H = 22;
export const TIME_W = 80;
export const HEADER_H = 26;
/** The lane header with its names on two rows (where one row would shorten them, lane-names.ts fitLaneNameRows). */
export const HEADER_TWO_ROWS_H = 44;
const LANE_PAD = 40;

export function laneGap(lanes: number): number {
  return lanes <= 3 ? 112 : lanes <= 5 ? 96 : 80;
}

/** The narrowest gap between lanes on screen (a client's name still fits in 7 characters). */
const MIN_LANE_GAP = 64;
/** The room the row text should keep on screen, when the lanes can give it. */
const MIN_TEXT_W = 300;

/**
 * The gap between lanes in a diagram `widthPx` wide: `laneGap` when the row text keeps
 * `MIN_TEXT_W` beside it, else narrower (down to `MIN_LANE_GAP`), so a narrow panel (1024 px
 * window) shows the rows' text instead of pushing it past the right edge; but not closer than
 * `namesGapPx`, the gap at which the lane names show whole (lane-names.ts), up to `laneGap`.
 */
export function fittedLaneGap(lanes: number, widthPx: number, namesGapPx = 0): number {
  const full = laneGap(lanes);
  if (lanes <= 1 || widthPx <= 0) return full;
  const room = (widthPx - TIME_W - MIN_TEXT_W - 2 * LANE_PAD) / (lanes - 1);
  // Never closer than the names need (up to the full gap): whole names before row text.
  return Math.round(Math.max(MIN_LANE_GAP, Math.min(full, namesGapPx), Math.min(full, room)));
}

/** The row text's least room in normal mode beside the lanes (SequenceDiagram.svelte .spacer), where the panel has it. */
const LEAST_TEXT_W = 160;
/**
 * A narrow panel (a phone): the row text gives way down to this (about 11 characters; the
 * caption has the whole row) before the diagram scrolls sideways.
 */
export const NARROW_LEAST_TEXT_W = 88;
/** The narrowest gap between lanes in normal mode with the names on two rows (a narrow panel: a tablet, a phone). */
const TWO_ROWS_MIN_LANE_GAP = 44;

/**
 * The gap between lanes in normal mode, in a diagram `widthPx` wide. Where the names fit whole
 * on one row (`namesGapPx`, lane-names.ts laneGapForNames with `LANE_NAME_SPACE`) at the gap
 * that leaves the row text `MIN_TEXT_W` (or `MIN_LANE_GAP`), and the lanes and the text's least
 * room fit the panel, that gap (the names on one row, as at 1440 px). Else the names go on two
 * rows (`twoRowsGapPx`): the lanes keep that gap as far as the text's least room allows, so a
 * 1024 px tablet shows whole names apart from each other and does not scroll sideways.
 */
export function normalLaneGap(lanes: number, widthPx: number, namesGapPx = 0, twoRowsGapPx = 0): number {
  const full = laneGap(lanes);
  if (lanes <= 1 || widthPx <= 0) return full;
  const roomBeside = (textW: number) => (widthPx - TIME_W - textW - 2 * LANE_PAD) / (lanes - 1);
  const textGap = Math.max(MIN_LANE_GAP, Math.min(full, roomBeside(MIN_TEXT_W)));
  const least = roomBeside(LEAST_TEXT_W);
  if (namesGapPx <= textGap && textGap <= least) return Math.round(textGap);
  return Math.floor(Math.max(TWO_ROWS_MIN_LANE_GAP, Math.min(Math.max(textGap, Math.min(full, twoRowsGapPx)), least)));
}

/**
 * The room the row text keeps beside the lanes in normal mode, in a diagram `widthPx` wide whose
 * lanes are `lanesWidthPx` wide: `LEAST_TEXT_W`, or in a narrow panel what is left of the width,
 * down to `NARROW_LEAST_TEXT_W`. Only below that does the diagram scroll sideways (a phone with
 * many lanes), so three lanes fit a 360 px phone.
 */
export function normalTextW(widthPx: number, lanesWidthPx: number): number {
  if (widthPx <= 0) return LEAST_TEXT_W;
  return Math.max(NARROW_LEAST_TEXT_W, Math.min(LEAST_TEXT_W, Math.floor(widthPx - TIME_W - lanesWidthPx)));
}

/** A narrow panel: the room the row text leaves beside the last lane (its marks reach 6 px; a label such as `PUBLISH q1 retain id=1` between two lanes 44 px apart still fits before it). */
const NARROW_TEXT_LANE_GAP = 24;

/**
 * How far the row text reaches back into the lanes' drawing in normal mode, given the room
 * `normalTextW` gave it: none where it has `LEAST_TEXT_W`; on a narrow panel (a phone) it starts
 * `NARROW_TEXT_LANE_GAP` after the last lane instead of `LANE_PAD` (2 or 3 characters more in
 * the row). The arrow labels then keep out of it (arrowLabelX with the drawing's width less this).
 */
export function textOverlapPx(textWidthPx: number): number {
  return textWidthPx < LEAST_TEXT_W ? LANE_PAD - NARROW_TEXT_LANE_GAP : 0;
}

/**
 * Where an arrow's label (`labelWidthPx` wide, centred) goes: over the middle of its arrow
 * (`midX`), moved inwards where it would run past the drawing's left or right edge (`0` and
 * `drawingWidthPx`, where the lanes' drawing is cut), keeping `padPx` for the label's halo. A
 * label wider than the drawing is centred in it. The screen's diagram and its SVG export
 * (export-svg.ts, whose lanes start after the time column) both place their labels with it.
 */
export function arrowLabelX(midX: number, labelWidthPx: number, drawingWidthPx: number, padPx = 3): number {
  const half = labelWidthPx / 2 + padPx;
  if (2 * half >= drawingWidthPx) return drawingWidthPx / 2;
  return Math.max(half, Math.min(drawingWidthPx - half, midX));
}

/**
 * Projector mode: the narrowest gap between lanes. The names then stand on two rows, each with
 * about twice this for itself (lane-names.ts fitLaneNameRows); only longer ones are shortened.
 */
const PROJECTOR_MIN_LANE_GAP = 44;
/**
 * Projector mode: the room the row text keeps beside the lanes, about 20 characters (the
 * caption has the whole row). At 1280 px five lanes (four clients) fit beside it with whole names.
 */
export const PROJECTOR_MIN_TEXT_W = 180;
/** Projector mode: the row text gives way down to this for whole names on two rows, or for many lanes. */
export const PROJECTOR_LEAST_TEXT_W = 120;
/** The least space between two lane names on a row, in both modes (about a letter's width: "broker  dashboard", not "broker dashboard"). */
export const LANE_NAME_SPACE = 14;

/**
 * The gap between lanes in projector mode, in a diagram `widthPx` wide (in its own, zoomed CSS
 * pixels): the lanes fit the panel, so the last lane is not past its edge and the diagram does
 * not scroll sideways. Where there is room, the gap is `fittedLaneGap`'s (`namesGapPx`: the
 * names whole on one row); else the row text keeps `PROJECTOR_MIN_TEXT_W`, unless the names
 * need more to show whole on two rows (`twoRowsGapPx`, lane-names.ts), which they get as long
 * as the text keeps `PROJECTOR_LEAST_TEXT_W`. Never below `PROJECTOR_MIN_LANE_GAP`: only very
 * many lanes (more than about 7 at 1280 px) scroll.
 */
export function projectorLaneGap(lanes: number, widthPx: number, namesGapPx = 0, twoRowsGapPx = 0): number {
  if (lanes <= 1 || widthPx <= 0) return laneGap(lanes);
  const roomBeside = (textW: number) => (widthPx - TIME_W - textW - 2 * LANE_PAD) / (lanes - 1);
  const room = Math.min(roomBeside(PROJECTOR_LEAST_TEXT_W), Math.max(roomBeside(PROJECTOR_MIN_TEXT_W), twoRowsGapPx));
  return Math.floor(Math.max(PROJECTOR_MIN_LANE_GAP, Math.min(fittedLaneGap(lanes, widthPx, namesGapPx), room)));
}

export function laneX(index: number, lanes: number, gap = laneGap(lanes)): number {
  return LANE_PAD + index * gap;
}

export function lanesWidth(lanes: number, gap = laneGap(lanes)): number {
  return 2 * LANE_PAD + Math.max(0, lanes - 1) * gap;
}

/** Where an arrow ends on screen: its target lane, or a little past the middle when lost. */
export function arrowEndX(fromX: number, toX: number, dropped: boolean): number {
  return dropped ? fromX + (toX - fromX) * 0.55 : toX;
}

/** A filled triangle at (x2, y2) pointing along the line from (x1, y1). */
export function arrowHead(x1: number, y1: number, x2: number, y2: number, size = 7): string {
  const dx = x2 - x1;
  const dy = y2 - y1;
  const len = Math.hypot(dx, dy) || 1;
  const ux = dx / len;
  const uy = dy / len;
  const bx = x2 - ux * size;
  const by = y2 - uy * size;
  const px = -uy * size * 0.45;
  const py = ux * size * 0.45;
  const r = (v: number) => Math.round(v * 10) / 10;
  return `M${r(x2)} ${r(y2)}L${r(bx + px)} ${r(by + py)}L${r(bx - px)} ${r(by - py)}Z`;
}
