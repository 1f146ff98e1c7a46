/**
 * One look for packets (src/ui/packet-style.ts): the stage and the sequence diagram colour a
 * packet by the same group, and the export uses the light palette of the same table.
 */
import { describe, expect, it } from 'vitest';
import { PACKET_COLOUR_VARS, PACKET_COLOURS, packetColourOf, packetGroup, summaryLabel } from '../../src/ui/packet-style.ts';

describe('packet style', () => {
  it('groups packet types by colour, unknown types as other', () => {
    expect(['connect', 'connack', 'auth'].map(packetGroup)).toEqual(['connect', 'connect', 'connect']);
    expect(['puback', 'pubrec', 'pubrel', 'pubcomp'].map(packetGroup)).toEqual(['ack', 'ack', 'ack', 'ack']);
    expect(packetGroup('publish')).toBe('publish');
    expect(packetGroup(undefined)).toBe('other');
    expect(packetGroup('toString')).toBe('other');
  });

  it('gives every group a light and a dark colour as one custom property', () => {
    for (const [group, c] of Object.entries(PACKET_COLOURS)) {
      expect(PACKET_COLOUR_VARS).toContain(`--pk-${group}: light-dark(${c.light}, ${c.dark})`);
      // What the stage's packets and the diagram's arrows set as their colour.
      expect(packetColourOf(group as keyof typeof PACKET_COLOURS)).toBe(`var(--pk-${group})`);
    }
  });

  it('shortens a summary to its label', () => {
    expect(summaryLabel('PUBLISH q1 retain id=1 plant/x "on"')).toBe('PUBLISH q1 retain id=1');
  });
});
