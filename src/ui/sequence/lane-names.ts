/**
 * The names over the sequence diagram's lanes, fitted to the room they have.
 *
 * Each name is centred over its lane. Two neighbours share the distance between their lanes: a
 * short name leaves the rest to its neighbour, so "broker" beside "dashboard" lets "dashboard"
 * show whole where an equal split would cut it. The first name may reach into the empty time
 * column on its left, the last one over the empty row-text column on its right. A name that
 * still does not fit keeps its start and its end around an ellipsis ("sens…-017"): names of
 * a fleet differ at their ends. Nothing here touches the DOM: widths come from `measure`.
 */

/** One lane's name as drawn. */
export interface FittedLaneName {
  /** What is drawn: the whole name or its shortening. */
  text: string;
  /** The room the name has (CSS pixels, centred on its lane). */
  maxWidthPx: number;
  /** True when `text` is a shortening (the whole name then goes into the tooltip and the accessible name). */
  short: boolean;
}

export interface LaneNameRoom {
  /** x of each lane's centre, in the same coordinates as `leftPx` and `rightPx`. */
  centresPx: readonly number[];
  /** Where the names may begin and must end. */
  leftPx: number;
  rightPx: number;
  /** Free space kept between two names. */
  spacePx?: number;
}

/**
 * The distance between lanes at which every pair of neighbouring names fits whole (`spacePx`
 * between them); with `rows` 2, names on two rows (each name's neighbours on its row are two
 * lanes away, fitLaneNameRows).
 */
export function laneGapForNames(names: readonly string[], measure: (text: string) => number, spacePx = 6, rows: 1 | 2 = 1): number {
  let gap = 0;
  for (let i = 0; i + rows < names.length; i++) gap = Math.max(gap, (measure(names[i]!) + measure(names[i + rows]!)) / 2 + spacePx);
  return Math.ceil(gap / rows);
}

/** The names' width in `font` (a CSS font shorthand), measured on a canvas; a rough guess where there is none. */
export function textMeasure(font: string | undefined): (text: string) => number {
  const context = font && typeof document !== 'undefined' ? document.createElement('canvas').getContext('2d') : null;
  if (!context || !font) return (text: string) => text.length * 8;
  context.font = font;
  return (text: string) => context.measureText(text).width;
}

/** The longest "start…end" form of `name` no wider than `maxWidthPx` (at least one character and the ellipsis). */
export function shortenName(name: string, maxWidthPx: number, measure: (text: string) => number): string {
  const chars = [...name];
  for (let keep = chars.length - 1; keep > 1; keep--) {
    const head = Math.ceil(keep / 2);
    const text = `${chars.slice(0, head).join('')}…${chars.slice(chars.length - (keep - head)).join('')}`;
    if (measure(text) <= maxWidthPx) return text;
  }
  return `${chars[0] ?? ''}…`;
}

/** Each name whole where it fits, else shortened; no two names' boxes overlap. */
export function fitLaneNames(names: readonly string[], room: LaneNameRoom, measure: (text: string) => number): FittedLaneName[] {
  const { centresPx, leftPx, rightPx, spacePx = 6 } = room;
  const last = names.length - 1;
  // Half of each name's width, capped by the outer edges.
  const half = names.map((name, i) => {
    let h = measure(name) / 2;
    if (i === 0) h = Math.min(h, centresPx[0]! - leftPx);
    if (i === last) h = Math.min(h, rightPx - centresPx[last]!);
    return Math.max(0, h);
  });
  // Neighbours share the distance between them: the one that needs less than half leaves the rest to the other.
  for (let i = 0; i < last; i++) {
    const between = Math.max(0, centresPx[i + 1]! - centresPx[i]! - spacePx);
    if (half[i]! + half[i + 1]! <= between) continue;
    if (half[i]! <= between / 2) half[i + 1] = between - half[i]!;
    else if (half[i + 1]! <= between / 2) half[i] = between - half[i + 1]!;
    else half[i] = half[i + 1] = between / 2;
  }
  return names.map((name, i) => {
    const maxWidthPx = 2 * half[i]!;
    if (measure(name) <= maxWidthPx + 0.01) return { text: name, maxWidthPx, short: false };
    return { text: shortenName(name, maxWidthPx, measure), maxWidthPx, short: true };
  });
}

/** Lane names fitted on one row, or on two (every other name a row lower). */
export interface LaneNameRows {
  rows: 1 | 2;
  /** Each lane's name as drawn, with the row it is on (0: top). */
  names: Array<FittedLaneName & { row: 0 | 1 }>;
}

/**
 * The names on one row where each shows whole; else, when `twoRows` is allowed, every other
 * name a row lower where that shortens fewer of them: then a name's neighbours on its row are
 * two lanes away, so "dashboard" beside "broker" has room for itself at half the lane gap.
 */
export function fitLaneNameRows(names: readonly string[], room: LaneNameRoom, measure: (text: string) => number, twoRows: boolean): LaneNameRows {
  const one = fitLaneNames(names, room, measure);
  const shortened = (fitted: readonly FittedLaneName[]) => fitted.filter((f) => f.short).length;
  const single: LaneNameRows = { rows: 1, names: one.map((f) => ({ ...f, row: 0 })) };
  if (!twoRows || names.length < 3 || shortened(one) === 0) return single;
  const two: Array<FittedLaneName & { row: 0 | 1 }> = [];
  for (const row of [0, 1] as const) {
    const lanes = names.map((_name, i) => i).filter((i) => i % 2 === row);
    const fitted = fitLaneNames(lanes.map((i) => names[i]!), { ...room, centresPx: lanes.map((i) => room.centresPx[i]!) }, measure);
    lanes.forEach((lane, k) => (two[lane] = { ...fitted[k]!, row }));
  }
  return shortened(two) < shortened(one) ? { rows: 2, names: two } : single;
}
