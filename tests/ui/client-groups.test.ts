/**
 * Crowds are grouped by name pattern (src/ui/client-groups.ts): "sensor-001" … "sensor-200" is
 * one "sensor" group, a lone name stays itself, and a small cast is never grouped.
 */
import { describe, expect, it } from 'vitest';
import { crowdItems, groupClients, GROUP_FROM, itemKeyOf, nameStem } from '../../src/ui/client-groups.ts';

const fleet = [...Array.from({ length: 200 }, (_u, i) => `sensor-${String(i + 1).padStart(3, '0')}`), 'dashboard-1', 'dashboard-2', 'dashboard-3', 'gateway', 'alarm7'];

describe('client groups', () => {
  it('finds the stem of a name', () => {
    expect(['sensor-017', 'room12', 'hall_3', 'gateway', '42'].map(nameStem)).toEqual(['sensor', 'room', 'hall', 'gateway', '42']);
  });

  it('groups a crowd by stem, keeping rare stems single, in declaration order', () => {
    const g = groupClients(fleet);
    expect(g.groups.map((x) => [x.key, x.members.length])).toEqual([
      ['group:sensor', 200],
      ['group:dashboard', 3],
    ]);
    expect(g.groupOf.get('sensor-150')?.stem).toBe('sensor');
    expect(g.groupOf.has('gateway')).toBe(false);
    expect(crowdItems(fleet, g, new Set()).map((i) => i.key)).toEqual(['group:sensor', 'group:dashboard', 'gateway', 'alarm7']);
  });

  it('opens a group into its members at its place', () => {
    const g = groupClients(fleet);
    const items = crowdItems(fleet, g, new Set(['group:sensor']));
    expect(items).toHaveLength(200 + 3);
    expect(items[0]).toEqual({ kind: 'client', key: 'sensor-001' });
    expect(items[200]!.key).toBe('group:dashboard');
    expect(itemKeyOf('sensor-009', g, new Set(['group:sensor']))).toBe('sensor-009');
    expect(itemKeyOf('dashboard-2', g, new Set(['group:sensor']))).toBe('group:dashboard');
  });

  it('does not group a cast that fits on the stage', () => {
    const few = Array.from({ length: GROUP_FROM }, (_u, i) => `client-${i}`);
    expect(groupClients(few).groups).toEqual([]);
  });
});
