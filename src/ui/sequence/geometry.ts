/** Sizes shared by the sequence diagram on screen and its SVG export (CSS pixels). */
export const ROW_H = 22;
export const TIME_W = 80;
export const HEADER_H = 26;
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
 * window) shows the rows' text instead of pushing it past the right edge.
 */
export function fittedLaneGap(lanes: number, widthPx: number): number {
  const full = laneGap(lanes);
  if (lanes <= 1 || widthPx <= 0) return full;
  const room = (widthPx - TIME_W - MIN_TEXT_W - 2 * LANE_PAD) / (lanes - 1);
  return Math.round(Math.max(MIN_LANE_GAP, Math.min(full, room)));
}

export function laneX(index: number, lanes: number, gap = laneGap(lanes)): number {
  return LANE_PAD + index * gap;
}

export function lanesWidth(lanes: number, gap = laneGap(lanes)): number {
  return 2 * LANE_PAD + Math.max(0, lanes - 1) * gap;
}

/** Colour class of a packet type: connection, publish, acknowledgements, subscriptions, pings. */
export function packetClass(type: string): string {
  switch (type) {
    case 'connect':
    case 'connack':
    case 'auth':
      return 'p-conn';
    case 'publish':
      return 'p-pub';
    case 'puback':
    case 'pubrec':
    case 'pubrel':
    case 'pubcomp':
      return 'p-ack';
    case 'subscribe':
    case 'suback':
    case 'unsubscribe':
    case 'unsuback':
      return 'p-sub';
    case 'disconnect':
      return 'p-disc';
    default:
      return 'p-ping';
  }
}

/** The same colours as plain values (the export has no CSS variables). */
export const PACKET_COLOURS: Record<string, string> = {
  'p-conn': '#2f74c0',
  'p-pub': '#d0741f',
  'p-ack': '#26905f',
  'p-sub': '#7a55c9',
  'p-disc': '#c94343',
  'p-ping': '#7d8797',
};

/** Where an arrow ends on screen: its target lane, or a little past the middle when lost. */
export function arrowEndX(fromX: number, toX: number, dropped: boolean): number {
  return dropped ? fromX + (toX - fromX) * 0.55 : toX;
}
