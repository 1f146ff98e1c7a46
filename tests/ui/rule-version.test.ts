/**
 * Each rule is labelled with the protocol version of the client it was applied to, and its
 * link opens the exact statement (a text fragment, as the lessons link), not the top of the spec.
 */
import { describe, expect, it } from 'vitest';
import { specLink } from '../../src/ui/format/explain.ts';
import { noteVersion } from '../../src/ui/inspector/connection-version.ts';
import { simulationAt } from './simulation-at.ts';

const TEXT = `broker version=5
client old
client new
at 0s    old connect -i old -V mqttv311
at 0s    new connect -i new
at 100ms new subscribe -t t -q 1
at 100ms old subscribe -t t -q 1
at 1s    old publish -t t -m x -q 1
`;

describe('rule versions and links', () => {
  it('labels a rule with the version of the client it names', () => {
    const sim = simulationAt(TEXT, 5000);
    const notes = sim.fullTrace.filter((e) => e.kind === 'note' && typeof e.explain?.params?.clientId === 'string');
    const of = (client: string) => notes.filter((n) => n.explain!.params!.clientId === client);
    expect(of('new').length).toBeGreaterThan(0);
    expect(of('old').length).toBeGreaterThan(0);
    for (const n of of('new')) expect(noteVersion(sim.fullTrace, n, 4)).toBe(5);
    for (const n of of('old')) expect(noteVersion(sim.fullTrace, n, 5)).toBe(4);
  });

  it('links a statement to its own text in that version', () => {
    expect(specLink('MQTT-3.1.2-22', 5)?.href).toBe('https://docs.oasis-open.org/mqtt/mqtt/v5.0/os/mqtt-v5.0-os.html#:~:text=%5BMQTT%2D3.1.2%2D22%5D');
    expect(specLink('4.3', 4)?.href).toBe('https://docs.oasis-open.org/mqtt/mqtt/v3.1.1/os/mqtt-v3.1.1-os.html');
  });
});
