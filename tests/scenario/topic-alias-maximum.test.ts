/**
 * Topic aliases against the broker's Topic Alias Maximum (5.0, MQTT-3.3.2-9): `broker
 * max-topic-alias=N` is what the CONNACK announces (0: none). The simulated client never sends an
 * alias above it on its own; a PUBLISH sent on purpose with one is marked against MQTT-3.3.2-9 on
 * its line, and the broker answers DISCONNECT 0x94 Topic Alias invalid and delivers nothing.
 * tests/fidelity/topic-alias-maximum.test.ts checks the same against Mosquitto 2.0.11.
 */
import { describe, expect, it } from 'vitest';
import { parseScenario, runScenario } from '../../src/scenario/index.ts';
import { explainText } from '../../src/sim/explain-text.ts';
import { brokerToMosquitto } from '../../src/scenario/export/mosquitto.ts';

const scenario = (max: number | undefined, alias: number) => `broker version=5${max === undefined ? '' : ` max-topic-alias=${max}`}
client s
client d
at 0s     s connect -V 5
at 0s     d connect -V 5
at 500ms  d subscribe -t 'ta/#'
at 1s     s publish -t ta/own -m own -D publish topic-alias ${alias}
at 2s     s send PUBLISH -t ta/raw -m raw -D topic-alias ${alias}
expect d never-receives ta/own
expect d never-receives ta/raw
`;

describe('broker max-topic-alias', () => {
  it.each([
    [0, 1],
    [2, 3],
    [undefined, 11],
  ])('max-topic-alias=%s: alias %i stays in the client, and sent on purpose it gets DISCONNECT 0x94', (max, alias) => {
    const text = scenario(max, alias);
    const shown = max ?? 10;
    const { diagnostics } = parseScenario(text);
    expect(diagnostics.map((d) => [d.severity, d.line, d.message])).toEqual([
      ['info', 8, `Sent on purpose, against MQTT-3.3.2-9: Topic Alias ${alias}, above the broker's Topic Alias Maximum of ${shown}.`],
    ]);
    const r = runScenario(text);
    expect(r.results.map((x) => [x.pass, x.message])).toEqual(r.results.map((x) => [true, x.message]));
    // The CONNACK announces the maximum, or nothing at 0.
    const connack = r.trace.find((e) => e.kind === 'deliver' && e.to === 's' && e.packet?.type === 'connack')!.packet as { properties?: { topicAliasMaximum?: number } };
    expect(connack.properties?.topicAliasMaximum).toBe(max === 0 ? undefined : shown);
    // The client's own PUBLISH never leaves it.
    const refused = r.trace.find((e) => e.explain?.key === 'client.refuse.topic-alias')!;
    expect(refused.explain!.ref).toBe('MQTT-3.3.2-9');
    expect(r.trace.filter((e) => e.kind === 'send' && e.from === 's' && e.packet?.type === 'publish')).toHaveLength(1);
    // The raw one: DISCONNECT 0x94, explained with the rule in both languages.
    const why = r.trace.find((e) => e.explain?.key === 'publish.topic-alias-invalid')!;
    expect(why.explain!.ref).toBe('MQTT-3.3.2-9');
    expect(explainText(why.explain!, 'en')).toContain(`Topic alias ${alias} is not allowed: the Topic Alias Maximum the broker announced in its CONNACK is ${shown}`);
    expect(explainText(why.explain!, 'de')).toContain(`Topic-Alias ${alias} ist nicht erlaubt: Das Topic Alias Maximum, das der Broker im CONNACK angekündigt hat, ist ${shown}`);
    const disconnect = r.trace.find((e) => e.kind === 'send' && e.from === 'broker' && e.to === 's' && e.packet?.type === 'disconnect');
    expect(disconnect?.packet).toMatchObject({ reasonCode: 0x94 });
  });

  it('an alias within the maximum is taken', () => {
    const r = runScenario(`broker version=5 max-topic-alias=2
client s
client d
at 0s     s connect -V 5
at 0s     d connect -V 5
at 500ms  d subscribe -t 'ta/#'
at 1s     s publish -t ta/own -m own -D publish topic-alias 2
expect d receives ta/own "own"
`);
    expect(r.results.map((x) => x.pass)).toEqual([true]);
  });

  it('a value beyond 16 bits is refused with its position; the Mosquitto export carries the setting', () => {
    expect(parseScenario('broker max-topic-alias=70000\n').diagnostics.map((d) => [d.code, d.line, d.column, d.message])).toEqual([
      ['setting.bad-value', 1, 24, 'Bad value `70000` for `max-topic-alias`: a whole number from 0 to 65535.'],
    ]);
    const { scenario } = parseScenario('broker version=5 max-topic-alias=0\n');
    expect(JSON.stringify(brokerToMosquitto(scenario.broker, { randomBytes: (n) => new Uint8Array(n) }))).toContain('max_topic_alias 0');
  });
});
