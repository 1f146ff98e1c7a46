/**
 * Overlapping subscriptions explain themselves: a 5.0 client gets one copy per matching
 * subscription and the trace says so once (MQTT-3.3.4-2); a 3.1.1 client gets one copy at the
 * highest QoS, with its own note (MQTT-3.3.5-1).
 */
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/scenario/index.ts';

const scenario = (version: string) => `broker version=5
client dash
client sensor
at 0s dash connect -V ${version}
at 0s sensor connect -V mqttv5
at 100ms dash subscribe -t 'hall/#' -t 'hall/+/temp' -q 1
at 1s sensor publish -t hall/h1/temp -m 21 -q 1
`;

describe('overlapping subscriptions', () => {
  it('5.0: two copies, and one note that says why', () => {
    const { trace } = runScenario(scenario('mqttv5'));
    const copies = trace.filter((e) => e.kind === 'app' && e.to === 'dash');
    expect(copies).toHaveLength(2);
    const notes = trace.filter((e) => e.kind === 'note' && e.explain?.key === 'deliver.overlap-copy-each');
    expect(notes.map((n) => [n.explain?.ref, n.explain?.params?.count])).toEqual([['MQTT-3.3.4-2', 2]]);
  });

  it('3.1.1: one copy, and the one-copy note instead', () => {
    const { trace } = runScenario(scenario('mqttv311'));
    expect(trace.filter((e) => e.kind === 'app' && e.to === 'dash')).toHaveLength(1);
    expect(trace.some((e) => e.explain?.key === 'deliver.overlap-copy-each')).toBe(false);
    expect(trace.some((e) => e.explain?.key === 'deliver.overlap-one-copy')).toBe(true);
  });
});
