/**
 * Real traffic as a timeline (src/sim/live-world.ts): the lines of a live feed become steps the
 * simulation's views read — clients named by client id and host, each real packet an arrow
 * (its `send` and `deliver`, both with the real bytes), the entries of one broker event one step,
 * the client's state on the stage, and a replica broker whose sessions, subscriptions and
 * retained messages are what the real broker holds. Stepping back shows the earlier picture.
 */
import { describe, expect, it } from 'vitest';
import { brokerView, step as brokerStep, type BrokerContext, type BrokerEvent } from '../../src/core/broker/index.ts';
import { encode, type Packet } from '../../src/core/codec/index.ts';
import { LiveWorld } from '../../src/sim/live-world.ts';
import type { TraceEntry } from '../../src/sim/trace.ts';
import { readTraceLine, entryLine, connLine } from '../../src/sim/trace-json.ts';

const enc = new TextEncoder();
let seq = 100; // a feed joined late: the ring's backlog does not start at 0

/** One entry of the real broker as the feed sends it (through the trace-json text). */
function line(e: Omit<TraceEntry, 'seq' | 'atMs'> & { atMs?: number }): string {
  const bytes = e.packet ? encode(e.packet, 4) : undefined;
  const full = { seq, atMs: e.atMs ?? seq * 10, ...e, ...(bytes ? { bytes } : {}) } as TraceEntry;
  seq++;
  return entryLine(full, bytes ? 4 : undefined);
}

function feed(live: LiveWorld, text: string): void {
  const r = readTraceLine(text);
  if (!r.ok) throw new Error(r.message);
  live.add(r.line);
}

const connect: Packet = { type: 'connect', protocolVersion: 4, clientId: 'sensor-1', clean: true, keepAliveSec: 60 };
const subscribe: Packet = { type: 'subscribe', packetId: 1, subscriptions: [{ topicFilter: 'hall/#', qos: 1 }] };
const retained: Packet = { type: 'publish', topic: 'hall/temp', payload: enc.encode('21.5'), qos: 0, retain: true, dup: false };

describe('LiveWorld', () => {
  it('turns a feed into steps the views read: actors by id and host, arrows with bytes, one step per broker event, a replica broker', () => {
    const live = new LiveWorld();
    feed(live, connLine({ id: 'conn-7', remote: '192.168.1.23:50211', local: '0.0.0.0:1883', transport: 'tcp' }));
    feed(live, line({ step: 40, kind: 'note', from: 'broker', connId: 'conn-7', explain: { ref: 'sim', key: 'sim.tcp-open', params: { conn: 'conn-7' } } }));
    feed(live, line({ step: 41, kind: 'deliver', from: 'sensor-1', to: 'broker', connId: 'conn-7', packet: connect, summary: 'CONNECT id=sensor-1' }));
    feed(live, line({ step: 41, kind: 'note', from: 'broker', explain: { ref: 'MQTT-3.2.0-1', key: 'connect.accepted', params: { clientId: 'sensor-1' } } }));
    feed(live, line({ step: 41, kind: 'send', from: 'broker', to: 'sensor-1', connId: 'conn-7', packet: { type: 'connack', sessionPresent: false, reasonCode: 0 }, summary: 'CONNACK rc=0 sp=0' }));
    const afterConnect = live.steps;
    feed(live, line({ step: 42, kind: 'deliver', from: 'sensor-1', to: 'broker', connId: 'conn-7', packet: subscribe, summary: 'SUBSCRIBE' }));
    feed(live, line({ step: 43, kind: 'deliver', from: 'sensor-1', to: 'broker', connId: 'conn-7', packet: retained, summary: 'PUBLISH' }));

    const name = 'sensor-1 (192.168.1.23)';
    const trace = live.trace;
    // Renumbered from 0; the CONNECT is an arrow from the client with its real bytes.
    expect(trace.map((e) => e.seq)).toEqual(trace.map((_e, i) => i));
    const send = trace.find((e) => e.kind === 'send' && e.packet?.type === 'connect')!;
    const arrival = trace.find((e) => e.kind === 'deliver' && e.sendSeq === send.seq)!;
    expect([send.from, send.to, arrival.to]).toEqual([name, 'broker', 'broker']);
    expect(arrival.bytes).toEqual(encode(connect, 4));
    // The CONNECT, its rule and the CONNACK are one step (the inspector's rules of a packet).
    expect(new Set(trace.filter((e) => e.packet?.type === 'connect' || e.packet?.type === 'connack' || e.explain?.key === 'connect.accepted').map((e) => e.step)).size).toBe(1);
    expect(live.steps).toBe(afterConnect + 2);

    live.timeline.seek(live.timeline.length - 1);
    const world = live.timeline.world;
    expect([...world.statics.defs.keys()]).toEqual(['broker', name]);
    expect(world.actors.get(name)?.value).toEqual({ connected: 'idle' });
    const view = brokerView(world.actors.get('broker') as unknown as { value: unknown; context: BrokerContext });
    expect(view.sessions.map((s) => [s.clientId, s.connected, s.subscriptions.map((x) => x.filter)])).toEqual([['sensor-1', true, ['hall/#']]]);
    expect(view.retained).toEqual([{ topic: 'hall/temp', payload: '21.5', qos: 0, retain: true }]);

    // A reset: the client crashed on the stage, its session is gone from the replica.
    feed(live, line({ step: 44, kind: 'note', from: 'broker', connId: 'conn-7', explain: { ref: 'sim', key: 'sim.tcp-reset', params: { conn: 'conn-7' } } }));
    live.timeline.seek(live.timeline.length - 1);
    expect(live.timeline.world.actors.get(name)?.value).toBe('crashed');

    // Stepping back: the picture right after the CONNACK.
    live.timeline.seek(afterConnect);
    const earlier = brokerView(live.timeline.world.actors.get('broker') as unknown as { value: unknown; context: BrokerContext });
    expect(earlier.sessions[0]!.subscriptions).toEqual([]);
    expect(earlier.retained).toEqual([]);
  });
});

describe('LiveWorld replica without the passwords', () => {
  it('refuses a known user in a "what if" branched off the live picture instead of letting any password in', () => {
    const live = new LiveWorld({ format: 'mqtt-lab-trace/1', source: 'broker', broker: { allowAnonymous: false, users: ['alice'] } });
    // The broker a fork continues with is the replica in the world at the cursor.
    let ctx = (live.timeline.world.actors.get('broker') as unknown as { context: BrokerContext }).context;
    ctx = brokerStep(ctx, { type: 'NET.OPEN', connId: 'c1', nowMs: 10 } as BrokerEvent).context;
    const guess: Packet = { type: 'connect', protocolVersion: 4, clientId: 'probe', clean: true, keepAliveSec: 60, username: 'alice', password: enc.encode('guess') };
    const r = brokerStep(ctx, { type: 'NET.PACKET', connId: 'c1', packet: guess, nowMs: 20 } as BrokerEvent);
    const connack = r.effects.find((e) => e.type === 'net.send' && e.params.packet.type === 'connack');
    expect(connack && connack.type === 'net.send' ? connack.params.packet : undefined).toMatchObject({ type: 'connack', reasonCode: 5 });
  });
});

describe('LiveWorld with a simulation’s trace (Open recording… on a saved simulated run)', () => {
  it('shows each packet once, in its real direction, each deliver paired with its own send', async () => {
    const { runScenario } = await import('../../src/scenario/index.ts');
    const { readTrace, writeTrace } = await import('../../src/sim/trace-json.ts');
    const { liveWorldOf } = await import('../../src/sim/live-world.ts');
    const run = runScenario(
      ['client sensor', 'client dash', 'at 0s sensor connect', 'at 0s dash connect', 'at 100ms dash subscribe -t plant/# -q 1', 'at 300ms sensor publish -t plant/t -m 21.5 -q 1', 'at 1s end'].join('\n'),
    );
    const file = readTrace(writeTrace(run.trace, { source: 'simulation' }));
    expect(file.errors).toEqual([]);
    const live = liveWorldOf(file.header, file.conns, file.entries);
    const wire = (trace: readonly TraceEntry[]) => trace.filter((e) => e.kind === 'send' || e.kind === 'deliver').map((e) => `${e.kind} ${e.from} -> ${e.to}: ${e.summary}`);
    // Before the fix a client's send read as the broker's (broker -> sensor: PUBLISH …) and every
    // packet got a second, invented send and deliver.
    expect(wire(live.trace)).toEqual(wire(run.trace));
    expect(wire(live.trace)).toContain('send sensor -> broker: PUBLISH q1 id=1 plant/t "21.5"');
    for (const d of live.trace.filter((e) => e.kind === 'deliver')) {
      const send = live.trace.find((e) => e.seq === d.sendSeq);
      expect([send?.kind, send?.from, send?.to, send?.summary]).toEqual(['send', d.from, d.to, d.summary]);
    }
    // The stage: both clients connected at the end; the replica broker holds dash's subscription.
    live.timeline.seek(live.timeline.length - 1);
    const world = live.timeline.world;
    expect(['sensor', 'dash'].map((n) => world.actors.get(n)?.value)).toEqual([{ connected: 'idle' }, { connected: 'idle' }]);
    const view = brokerView(world.actors.get('broker') as unknown as { value: unknown; context: BrokerContext });
    expect(view.sessions.map((s) => [s.clientId, s.subscriptions.map((x) => x.filter)])).toEqual([['sensor', []], ['dash', ['plant/#']]]);
  });
});
