/**
 * Keep alive from the broker's side (MQTT-3.1.2-24 in 3.1.1, MQTT-3.1.2-22 in 5.0): the broker
 * closes a connection on which it received no control packet for 1.5 × Keep Alive, and ANY
 * control packet from the client starts that period again, not only PINGREQ. Each kind is sent
 * on purpose (raw, so the client's own PINGREQs play no part) every 2.5 s with Keep Alive 2 s
 * (limit 3 s): the connection lives until 3 s after the last one. A client that sends nothing is
 * the control: closed 3 s after its CONNECT. tests/fidelity/keep-alive.test.ts does the same
 * against Mosquitto 2.0.11 and `npm run broker`.
 */
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/scenario/index.ts';
import { explainText } from '../../src/sim/explain-text.ts';

/** Each kind of control packet a client may send after CONNECT, as a `send` line. */
const KINDS: Record<string, string> = {
  PUBLISH: 'send PUBLISH -t ka/x -m x',
  PUBACK: 'send PUBACK --packet-id 1',
  PUBREC: 'send PUBREC --packet-id 1',
  PUBREL: 'send PUBREL --packet-id 1',
  PUBCOMP: 'send PUBCOMP --packet-id 1',
  SUBSCRIBE: "send SUBSCRIBE -t 'ka/#'",
  UNSUBSCRIBE: "send UNSUBSCRIBE -t 'ka/#'",
  PINGREQ: 'send PINGREQ',
};

function closedAfterKeepAlive(version: 4 | 5, line: string | null) {
  const v = version === 5 ? 'mqttv5' : 'mqttv311';
  const sends = line === null ? '' : [2500, 5000, 7500].map((t) => `at ${t}ms s ${line}\n`).join('');
  const r = runScenario(`client s\nat 0s s send CONNECT -V ${v} -k 2\n${sends}at 30s end\n`);
  const raw = r.trace.filter((e) => e.kind === 'deliver' && e.from === 's' && e.to === 'broker').map((e) => e.packet!.type);
  const expired = r.trace.find((e) => e.explain?.key === 'keepalive.expired');
  return { raw, atMs: expired?.atMs, ref: expired?.explain?.ref, en: expired && explainText(expired.explain!, 'en'), de: expired && explainText(expired.explain!, 'de') };
}

describe('keep alive: any control packet from the client restarts the 1.5 × Keep Alive period', () => {
  for (const version of [4, 5] as const) {
    const ref = version === 5 ? 'MQTT-3.1.2-22' : 'MQTT-3.1.2-24';
    it(`control (${version === 5 ? '5.0' : '3.1.1'}): a client that sends nothing after CONNECT is closed 3 s later (${ref})`, () => {
      const r = closedAfterKeepAlive(version, null);
      expect(r.raw).toEqual(['connect']);
      expect(r.atMs).toBe(60 + 3000); // CONNECT arrives at 60 ms
      expect(r.ref).toBe(ref);
      expect(r.en).toContain('1.5 × keep alive 2 s');
      expect(r.de).toContain('Keep Alive');
    });

    it.each(Object.keys(KINDS))(`%s every 2.5 s keeps the connection (${version === 5 ? '5.0' : '3.1.1'}); closed 3 s after the last one`, (kind) => {
      const r = closedAfterKeepAlive(version, KINDS[kind]!);
      expect(r.raw).toEqual(['connect', ...Array(3).fill(kind.toLowerCase())]);
      expect(r.atMs).toBe(7520 + 3000); // the last one arrives at 7.52 s (20 ms link)
      expect(r.ref).toBe(ref);
    });
  }
});
