/**
 * How a packet looks wherever it is drawn (the stage, the sequence diagram, the SVG export):
 * its colour group, the colour of each group in the light and the dark palette, and its short
 * label. One module, so a PUBLISH is the same blue on the stage and in the diagram.
 *
 * Colours reach the components as CSS custom properties (`--pk-publish`, ...) whose values use
 * `light-dark()`, which follows the page's `color-scheme` (set per theme in styles/app.css): a
 * component puts `style={PACKET_COLOUR_VARS}` on its root and gives each packet its group's colour
 * with `packetColourOf`.
 */
import type { Packet } from '../core/codec/types.ts';

/** Colour groups of packet types (one colour each; the label says the type too). */
export type PacketGroup = 'connect' | 'publish' | 'ack' | 'subscribe' | 'ping' | 'disconnect' | 'other';

const GROUPS: Record<string, PacketGroup> = {
  connect: 'connect',
  connack: 'connect',
  auth: 'connect',
  publish: 'publish',
  puback: 'ack',
  pubrec: 'ack',
  pubrel: 'ack',
  pubcomp: 'ack',
  subscribe: 'subscribe',
  suback: 'subscribe',
  unsubscribe: 'subscribe',
  unsuback: 'subscribe',
  pingreq: 'ping',
  pingresp: 'ping',
  disconnect: 'disconnect',
};

/** The colour group of a packet type (`'publish'`, `'puback'`, ...); unknown or none: `other`. */
export function packetGroup(type: string | undefined): PacketGroup {
  return type !== undefined && Object.hasOwn(GROUPS, type) ? GROUPS[type]! : 'other';
}

/** Each group's colour on a light and on a dark surface. */
export const PACKET_COLOURS: Record<PacketGroup, { light: string; dark: string }> = {
  connect: { light: '#7a4fd6', dark: '#a58af0' },
  publish: { light: '#1f63c6', dark: '#5d9cf5' },
  ack: { light: '#17866d', dark: '#3cc29f' },
  subscribe: { light: '#b5679f', dark: '#e08fcb' },
  ping: { light: '#7a8494', dark: '#9aa4b4' },
  disconnect: { light: '#c2303c', dark: '#ee6b75' },
  other: { light: '#555f70', dark: '#aab3c2' },
};

/** The custom properties `--pk-<group>` for a component's root `style`. */
export const PACKET_COLOUR_VARS: string = Object.entries(PACKET_COLOURS)
  .map(([group, c]) => `--pk-${group}: light-dark(${c.light}, ${c.dark})`)
  .join('; ');

/**
 * The CSS colour of a group (`var(--pk-publish)`), for a component's inline custom property
 * (`style:--pk-colour={packetColourOf(group)}`): no component repeats a rule per group.
 */
export function packetColourOf(group: PacketGroup): string {
  return `var(--pk-${group})`;
}

/** A short label: `PUBLISH q1 id=3`, `PUBACK id=3`, `CONNACK rc=0`, `SUBACK id=1`, `PINGREQ`. */
export function packetLabel(packet: Packet | undefined, fallback = '?'): string {
  if (!packet) return fallback;
  const name = packet.type.toUpperCase();
  switch (packet.type) {
    case 'publish':
      return `${name} q${packet.qos}${packet.dup ? ' dup' : ''}${packet.packetId !== undefined ? ` id=${packet.packetId}` : ''}`;
    case 'connack':
      return `${name} rc=${packet.reasonCode}`;
    case 'puback':
    case 'pubrec':
    case 'pubrel':
    case 'pubcomp':
    case 'subscribe':
    case 'suback':
    case 'unsubscribe':
    case 'unsuback':
      return `${name} id=${packet.packetId}`;
    default:
      return name;
  }
}

const LABEL_TOKEN = /^(q[0-2]|id=\d+|retain|dup|rc=\S+|\[[^\]]*\])$/;

/**
 * The short label from a one-line summary, for entries that carry only the summary:
 * `PUBLISH q1 retain id=1 plant/x "on"` -> `PUBLISH q1 retain id=1`.
 */
export function summaryLabel(summary: string): string {
  const tokens = summary.split(' ');
  const kept = [tokens[0] ?? ''];
  for (const t of tokens.slice(1)) if (LABEL_TOKEN.test(t) && t.length <= 12) kept.push(t);
  return kept.join(' ');
}
