/**
 * Recordings become scenarios: a trace turned into scenario text (src/scenario/from-trace.ts)
 * replays in the simulator with the same packets, in both directions, at the same times, and the
 * same broker decisions (rules applied, with their spec IDs) as the trace it came from.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { brokerConfig } from '../../src/scenario/compile.ts';
import { parseScenario, runScenario } from '../../src/scenario/index.ts';
import { parseAcl } from '../../src/core/broker/auth.ts';
import { traceToScenario } from '../../src/scenario/from-trace.ts';
import { DRIVER_DEFAULTS } from '../../src/scenario/from-trace-broker.ts';
import { DEFAULT_CONNECT_TIMEOUT_SEC, DEFAULT_MAX_PACKET_BYTES, DEFAULT_MAX_QUEUED_BYTES, engineConfig, parseBrokerConfig } from '../../src/node/broker/index.ts';
import { traceBrokerConfig } from '../../src/sim/trace-broker-config.ts';
import type { TraceEntry } from '../../src/sim/trace.ts';

const EXAMPLES = join(import.meta.dirname, '../../src/scenario/examples');

/** Every packet on the wire and every rule the broker applied, with its time. */
function wire(trace: readonly TraceEntry[]): string[] {
  return trace.flatMap((e) => {
    if (e.kind === 'send') return [`${e.atMs} ${e.from === 'broker' ? `broker -> ${clientOf(e)}` : `${clientOf(e)} -> broker`} ${e.summary}`];
    if (e.kind === 'note' && e.from === 'broker' && e.explain) return [`${e.atMs} broker: ${e.explain.key} [${e.explain.ref}]`];
    return [];
  });
}

/** Connections are named after the scenario's client names, which the replay renames to client ids. */
function clientOf(e: TraceEntry): string {
  const id = /id=(\S+)/.exec(e.summary ?? '')?.[1];
  return e.packet?.type === 'connect' && id ? id : 'client';
}

function roundTrip(text: string): { original: TraceEntry[]; replayed: TraceEntry[]; scenario: string } {
  const original = runScenario(text);
  expect(original.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  // What a recording cannot show (broker settings, users, ACL) is given, as a user would.
  const brokerLines = text.split('\n').filter((l) => /^(broker|user|acl)\b/.test(l));
  const scenario = traceToScenario(original.trace, brokerLines.length > 0 ? { brokerLines } : {});
  const replayed = runScenario(scenario);
  expect(replayed.diagnostics.filter((d) => d.severity === 'error'), scenario).toEqual([]);
  return { original: original.trace, replayed: replayed.trace, scenario };
}

describe('trace -> scenario -> replay', () => {
  it.each(['will-on-cable-cut.mqtts', 'offline-queueing.mqtts', 'sys-and-wildcards.mqtts', 'acl-refusal.mqtts'])('%s replays with the same packets and broker decisions', (name) => {
    const { original, replayed, scenario } = roundTrip(readFileSync(join(EXAMPLES, name), 'utf8'));
    expect(wire(replayed), scenario).toEqual(wire(original));
  });

  it('keeps QoS 1 and 2, a will, a retained message, a reconnection and a crash', () => {
    const { original, replayed, scenario } = roundTrip(`broker version=5
client sensor
client dash
at 0s dash connect -i dash -V mqttv311 -k 30 -c
at 100ms dash subscribe -t 'plant/#' -q 2
at 200ms sensor connect -i s-1 -k 15 --will-topic plant/s1/status --will-payload "gone away" --will-qos 2 --will-retain
at 1s sensor publish -t plant/s1/temp -m 21.5 -q 1
at 2s sensor publish -t plant/s1/status -m online -q 2 -r
at 3s sensor crash
at 4s dash disconnect
at 5s dash connect -i dash -V mqttv311 -k 30 -c
at 6s dash unsubscribe -t 'plant/#'
`);
    expect(scenario).toContain('s-1 connect -i s-1 -V mqttv5 -k 15 --will-topic plant/s1/status --will-payload "gone away" --will-qos 2 --will-retain');
    expect(scenario).toContain('at 3s      s-1 crash');
    expect(wire(replayed), scenario).toEqual(wire(original));
    expect(wire(original).some((l) => l.includes('PUBLISH q2') && l.includes('gone away'))).toBe(true);
  });

  it('turns a recording (what the broker received) into client lines at the times the clients sent them', () => {
    const { trace } = runScenario(`client a
at 0s a connect -i meter-7 -k 20
at 1s a publish -t energy/meter7 -m 42 -q 1
at 2s a disconnect
`);
    // A recording holds what the broker received and sent, not the clients' own sends.
    const recording = trace.filter((e) => !(e.kind === 'send' && e.from !== 'broker'));
    const text = traceToScenario(recording, { title: 'recorded on the school network' });
    expect(text.split('\n')).toEqual([
      '# recorded on the school network',
      'broker',
      'client meter-7',
      '',
      'at 0s      meter-7 connect -i meter-7 -V mqttv311 -k 20',
      'at 1s      meter-7 publish -t energy/meter7 -m 42 -q 1',
      'at 2s      meter-7 disconnect',
      '',
    ]);
  });

  it('writes a recorded configuration as broker, user and acl lines that give the broker the same ACL; a line the broker skipped stays a comment', () => {
    const acl = '# school\nuser anna maria\ntopic #\ntopic deny plant/secret\nbogus line\npattern read "x y"/%c/#\n';
    const text = traceToScenario([], { broker: { allowAnonymous: false, maxQueuedMessages: 50, sysIntervalSec: 0, topicAliasMaximum: 0, users: ['anna maria', 'bo'], acl } });
    expect(text.split('\n').slice(1, 9)).toEqual([
      'broker anonymous=off max-queued=50 max-topic-alias=0',
      'user "anna maria" password-not-recorded   # not in the recording: put the real password here (the replayed CONNECTs the broker accepted send this one)',
      'user bo password-not-recorded   # not in the recording: put the real password here (the replayed CONNECTs the broker accepted send this one)',
      'acl user "anna maria"',
      'acl topic readwrite #',
      'acl topic deny plant/secret',
      '# acl_file line 5 skipped (the broker did too): bogus line',
      'acl pattern read "\\"x y\\"/%c/#"',
    ]);
    const { scenario, diagnostics } = parseScenario(text);
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const config = brokerConfig(scenario);
    expect(config).toMatchObject({ allowAnonymous: false, maxQueuedMessages: 50, topicAliasMaximum: 0, sysIntervalSec: 0 });
    expect(Object.keys(config.users ?? {})).toEqual(['anna maria', 'bo']);
    const rules = (a: string) => { const p = parseAcl(a); return { users: [...p.users].map(([u, r]) => [u, r.map((x) => `${x.access} ${x.topic}`)]), patterns: p.patterns.map((x) => `${x.access} ${x.topic}`) }; };
    expect(rules(config.acl!)).toEqual(rules(acl));
  });

  // `npm run broker` without --config records its own limits in the header (16 MiB packets, a
  // CONNECT timeout, max queued bytes) and $SYS is on by default there, off in a scenario.
  const header = (conf: string) => traceBrokerConfig(engineConfig({ config: parseBrokerConfig(conf, '/tmp/recorded.conf').broker }));
  const subscribeTo = (filter: string): TraceEntry[] => {
    const connect = { type: 'connect', protocolVersion: 4, clean: true, keepAliveSec: 60, clientId: 'watcher' } as const;
    const subscribe = { type: 'subscribe', packetId: 1, subscriptions: [{ topicFilter: filter, qos: 0 }] } as const;
    return [connect, subscribe].map((packet, seq) => ({ seq, atMs: seq * 10, kind: 'deliver', from: 'watcher', to: 'broker', connId: 'c1', packet, summary: '' }) as unknown as TraceEntry);
  };

  it('a recording of a broker without a configuration gives a bare broker line: only what differs from the simulator is written', () => {
    expect(DRIVER_DEFAULTS).toEqual({ maxPacketSize: DEFAULT_MAX_PACKET_BYTES, connectTimeoutSec: DEFAULT_CONNECT_TIMEOUT_SEC, maxQueuedBytes: DEFAULT_MAX_QUEUED_BYTES });
    const recorded = header('');
    expect(recorded.maxPacketSize).toBe(DEFAULT_MAX_PACKET_BYTES); // the header does carry the driver's limit
    expect(traceToScenario([], { broker: recorded }).split('\n')[1]).toBe('broker');
    expect(traceToScenario(subscribeTo('plant/#'), { broker: recorded }).split('\n').slice(1, 3)).toEqual(['broker', 'client watcher']);
    // Mosquitto's defaults written out in the file are no difference either.
    expect(traceToScenario([], { broker: header('max_inflight_messages 20\nallow_anonymous true\nmax_topic_alias 10\nretain_available true\n') }).split('\n')[1]).toBe('broker');
  });

  it('writes what the configuration changed, and $SYS when a recorded client watched it (the real broker publishes every 10 s by default)', () => {
    const changed = header('sys_interval 5\nmax_packet_size 2048\nmax_queued_bytes 4096\npersistence true\n');
    expect(traceToScenario([], { broker: changed }).split('\n').slice(1, 3)).toEqual([
      'broker persistence=on sys-interval=5s max-packet-size=2048',
      '# the recorded broker also had max_queued_bytes 4096 (no scenario setting)',
    ]);
    expect(traceToScenario(subscribeTo('$SYS/broker/#'), { broker: header('') }).split('\n')[1]).toBe('broker sys-interval=10s');
    expect(traceToScenario(subscribeTo('$SYS/broker/#'), { broker: header('sys_interval 0\n') }).split('\n')[1]).toBe('broker');
  });
});
