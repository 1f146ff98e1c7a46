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
