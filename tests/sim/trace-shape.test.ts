/**
 * The trace keeps every entry, so each kind has a shape of its own without the fields it never
 * has (step.ts): no entry carries a field set to undefined. Readers see the same entries either
 * way (an absent field reads as undefined; tests/sim/fast-path.test.ts and the golden traces
 * check the contents).
 */
import { describe, expect, it } from 'vitest';
import { fleetWorld } from '../../src/node/bench/fleet-world.ts';
import { runUntil } from '../../src/sim/run.ts';

describe('trace entries', () => {
  it('of a fleet (connects, subscriptions, QoS 1 publishes, timers) hold no field set to undefined', () => {
    const { entries } = runUntil(fleetWorld({ sensors: 20, seconds: 2 }), 4000);
    const kinds = new Set(entries.map((e) => e.kind));
    expect([...kinds].sort()).toEqual(['app', 'command', 'deliver', 'note', 'send', 'state']);
    const withUndefined = entries.filter((e) => Object.values(e).includes(undefined));
    expect(withUndefined.slice(0, 3)).toEqual([]);
    // The fields each kind has, in TraceEntry's order.
    const shape = (kind: string) => Object.keys(entries.find((e) => e.kind === kind)!).join(' ');
    expect(shape('send')).toBe('seq step atMs kind from to connId packet bytes summary');
    expect(shape('deliver')).toBe('seq step atMs kind from to connId packet bytes summary sendSeq');
    expect(shape('app')).toBe('seq step atMs kind from to packet summary');
    expect(shape('note')).toBe('seq step atMs kind from explain');
    expect(shape('command')).toBe('seq step atMs kind from to command');
    expect(shape('state')).toBe('seq step atMs kind from state');
  });
});
