import { describe, expect, it } from 'vitest';
import { createWorld, schedule, scheduleAll, step, type World, type WorldCommand } from '../../src/sim/world.ts';
import { runFor, runUntil, runUntilIdle } from '../../src/sim/run.ts';
import { Timeline } from '../../src/sim/history.ts';
import type { TraceEntry } from '../../src/sim/trace.ts';
import { commandText } from '../../src/sim/command-text.ts';
import { toyBroker, toyClient } from './toy-actors.ts';

function world(seed = 1, link = {}): World {
  return createWorld({ seed, broker: { machine: toyBroker }, clients: [{ name: 'sensor', machine: toyClient, input: { pingMs: 1000 } }], link });
}

const connect: WorldCommand = { type: 'client.event', client: 'sensor', event: { type: 'APP.CONNECT' } };
const publish = (topic: string): WorldCommand => ({ type: 'client.event', client: 'sensor', event: { type: 'APP.PUBLISH', topic } });

/** The trace as comparable text, bytes included. */
function fingerprint(entries: readonly TraceEntry[]): string {
  return entries.map((e) => `${e.seq} ${e.atMs} ${e.kind} ${e.from}>${e.to ?? ''} ${e.summary ?? ''} ${e.bytes ? Array.from(e.bytes).join(',') : ''} ${e.explain?.key ?? ''}`).join('\n');
}

function packetsOn(entries: readonly TraceEntry[], kind: TraceEntry['kind']): string[] {
  return entries.filter((e) => e.kind === kind).map((e) => `${e.atMs} ${e.from}->${e.to} ${e.packet?.type}`);
}

describe('the world', () => {
  it('schedules many commands at once (scheduleAll) as one by one: the same agenda, seqs and run', () => {
    const items: Array<[number, WorldCommand]> = [[500, publish('b')], [0, connect], [500, publish('a')], [300, publish('c')], [-5, publish('past')]];
    const started = runUntil(world(), 100).world;
    let oneByOne = started;
    for (const [atMs, command] of items) oneByOne = schedule(oneByOne, atMs, command);
    const atOnce = scheduleAll(started, items);
    expect(atOnce).toEqual(oneByOne);
    expect(fingerprint(runUntilIdle(atOnce, { maxSteps: 200 }).entries)).toBe(fingerprint(runUntilIdle(oneByOne, { maxSteps: 200 }).entries));
  });

  it('opens TCP before CONNECT and delivers each packet one latency after it was sent', () => {
    const r = runFor(schedule(world(), 0, connect), 100);
    expect(packetsOn(r.entries, 'send')).toEqual(['40 sensor->broker connect', '60 broker->sensor connack']);
    expect(packetsOn(r.entries, 'deliver')).toEqual(['60 sensor->broker connect', '80 broker->sensor connack']);
    const connectSend = r.entries.find((e) => e.kind === 'send' && e.packet?.type === 'connect')!;
    expect(Array.from(connectSend.bytes!.subarray(0, 1))).toEqual([0x10]);
    const deliver = r.entries.find((e) => e.kind === 'deliver' && e.packet?.type === 'connect')!;
    expect(deliver.sendSeq).toBe(connectSend.seq);
  });

  it('fires an xstate after-timer at the virtual time it was armed for, and re-arms it', () => {
    const r = runFor(schedule(world(), 0, connect), 3500);
    expect(packetsOn(r.entries, 'send').filter((l) => l.includes('pingreq'))).toEqual(['1080 sensor->broker pingreq', '2080 sensor->broker pingreq', '3080 sensor->broker pingreq']);
  });

  it('gives the same trace, byte for byte, for the same seed, and a different one for another seed', () => {
    const build = (seed: number) => {
      let w = schedule(world(seed, { jitterMs: 30, lossRatio: 0.2 }), 0, connect);
      for (let i = 0; i < 20; i++) w = schedule(w, 200 + i * 10, publish(`t/${i}`));
      return fingerprint(runFor(w, 2000).entries);
    };
    expect(build(7)).toBe(build(7));
    expect(build(7)).not.toBe(build(8));
  });

  it('keeps each direction of a connection in order under jitter (TCP is FIFO)', () => {
    let w = schedule(world(3, { jitterMs: 50 }), 0, connect);
    for (let i = 0; i < 30; i++) w = schedule(w, 500 + i, publish(`t/${i}`));
    const arrived = runFor(w, 2000).entries.filter((e) => e.kind === 'deliver' && e.to === 'broker' && e.packet?.type === 'publish');
    expect(arrived.map((e) => (e.packet as { topic: string }).topic)).toEqual(Array.from({ length: 30 }, (_, i) => `t/${i}`));
    for (let i = 1; i < arrived.length; i++) expect(arrived[i]!.atMs).toBeGreaterThanOrEqual(arrived[i - 1]!.atMs);
  });

  it('holds what is sent on a cut cable, tells nobody, and lets TCP deliver it in order after restore', () => {
    let w = schedule(world(), 0, connect);
    w = schedule(w, 500, { type: 'cable.cut', client: 'sensor' });
    w = schedule(w, 510, publish('held'));
    w = schedule(w, 700, { type: 'cable.restore', client: 'sensor' });
    w = schedule(w, 701, publish('after'));
    const r = runFor(w, 1000);
    expect(r.entries.filter((e) => e.kind === 'drop')).toEqual([]);
    const held = r.entries.filter((e) => e.kind === 'note' && e.explain?.key === 'sim.tcp-held');
    expect(held.map((e) => [e.atMs, e.explain?.params?.delayMs])).toEqual([[530, 200]]);
    // TCP tries again at 730 (200 ms later): the cable is back, so it arrives, marked late, and
    // the packet sent after the restore waits behind it.
    const arrived = r.entries.filter((e) => e.kind === 'deliver' && e.packet?.type === 'publish' && e.to === 'broker');
    expect(arrived.map((e) => [(e.packet as { topic: string }).topic, e.atMs, e.explain?.key])).toEqual([
      ['held', 730, 'sim.tcp-late'],
      ['after', 730, undefined],
    ]);
    expect(r.world.actors.get('broker')!.context.closed).toEqual([]);
  });

  it('keeps re-sending with a doubling timeout while the cable stays cut', () => {
    let w = schedule(world(), 0, connect);
    w = schedule(w, 500, { type: 'cable.cut', client: 'sensor' });
    w = schedule(w, 510, publish('held'));
    w = schedule(w, 10_000, { type: 'cable.restore', client: 'sensor' });
    const r = runFor(w, 20_000);
    const arrived = r.entries.find((e) => e.kind === 'deliver' && (e.packet as { topic?: string })?.topic === 'held')!;
    // Tries at 530, 730, 1130, 1930, 3530, 6730, 13130: the first after the restore gets through.
    expect(arrived.atMs).toBe(13_130);
    expect(arrived.explain?.params?.retries).toBe(6);
  });

  it('turns a lossy link into delays, never into lost or reordered MQTT packets', () => {
    let w = schedule(world(4, { lossRatio: 0.3 }), 0, connect);
    for (let i = 0; i < 40; i++) w = schedule(w, 5000 + i * 5, publish(`t/${i}`));
    const r = runFor(w, 60_000);
    expect(r.entries.filter((e) => e.kind === 'drop')).toEqual([]);
    expect(r.entries.some((e) => e.explain?.key === 'sim.tcp-retransmit')).toBe(true);
    const arrived = r.entries.filter((e) => e.kind === 'deliver' && e.to === 'broker' && e.packet?.type === 'publish');
    expect(arrived.map((e) => (e.packet as { topic: string }).topic)).toEqual(Array.from({ length: 40 }, (_, i) => `t/${i}`));
  });

  it('tells the broker at once (one latency later) when a client process crashes', () => {
    let w = schedule(world(), 0, connect);
    w = schedule(w, 300, { type: 'client.crash', client: 'sensor' });
    const r = runFor(w, 400);
    expect(r.world.actors.get('broker')!.context.closed).toEqual(['sensor#1:reset']);
    expect(r.world.actors.get('sensor')!.value).toBe('crashed');
  });

  it('a dropped packet takes its connection with it: nothing more gets through, and nobody is told', () => {
    let w = schedule(world(), 0, connect);
    w = schedule(w, 0, { type: 'fault.add', rule: { client: 'sensor', direction: 'down', packetType: 'pingresp', action: 'drop', remaining: 1 } });
    const r = runFor(w, 2500);
    const pingresps = r.entries.filter((e) => e.packet?.type === 'pingresp');
    expect(pingresps.map((e) => [e.kind, e.explain?.key])).toEqual([
      ['send', undefined],
      ['drop', 'sim.drop.rule'],
    ]);
    // The next PINGREQ is lost with the connection, not answered.
    const pingreqs = r.entries.filter((e) => e.packet?.type === 'pingreq' && e.kind !== 'send');
    expect(pingreqs.map((e) => [e.kind, e.explain?.key])).toEqual([
      ['deliver', undefined],
      ['drop', 'sim.drop.broken'],
    ]);
    expect(r.world.actors.get('broker')!.context.closed).toEqual([]);
  });

  it('applies a fault rule to the next matching packet only', () => {
    let w = schedule(world(), 0, connect);
    w = schedule(w, 0, { type: 'fault.add', rule: { client: 'sensor', direction: 'up', packetType: 'publish', action: 'duplicate', remaining: 1 } });
    w = schedule(w, 500, publish('a'));
    w = schedule(w, 600, publish('b'));
    const r = runFor(w, 800);
    const arrived = r.entries.filter((e) => e.kind === 'deliver' && e.to === 'broker' && e.packet?.type === 'publish');
    expect(arrived.map((e) => (e.packet as { topic: string }).topic)).toEqual(['a', 'a', 'b']);
    expect(r.entries.filter((e) => e.explain?.key === 'sim.duplicate')).toHaveLength(1);
  });

  it('clears fault rules that were not used up (one client, or all)', () => {
    let w = schedule(world(), 0, connect);
    const rule = { client: 'sensor', direction: 'down', packetType: 'pingresp', action: 'delay', delayMs: 100, remaining: 5 } as const;
    w = schedule(w, 0, { type: 'fault.add', rule });
    w = schedule(w, 0, { type: 'fault.add', rule: { ...rule, client: 'other' } });
    w = schedule(w, 1500, { type: 'fault.clear', client: 'sensor' });
    let r = runFor(w, 2500);
    expect(r.world.faults.map((f) => f.client)).toEqual(['other']);
    // The first PINGRESP is delayed by the rule; after the clear at 1.5 s the second is not.
    expect(r.entries.filter((e) => e.packet?.type === 'pingresp' && e.kind === 'deliver').map((e) => e.atMs)).toEqual([1220, 2120]);
    expect(r.entries.filter((e) => e.kind === 'command' && e.command?.key === 'fault-clear').map((e) => commandText(e))).toEqual(['Clear the fault rules of sensor']);
    r = runFor(schedule(r.world, r.world.nowMs, { type: 'fault.clear' }), 1);
    expect(r.world.faults).toEqual([]);
  });

  it('cancels a timer when its state is left, and never fires it', () => {
    let w = schedule(world(), 0, connect);
    w = schedule(w, 500, { type: 'client.event', client: 'sensor', event: { type: 'APP.DISCONNECT' } });
    const r = runFor(w, 5000);
    expect(r.entries.filter((e) => e.kind === 'timer')).toEqual([]);
  });

  it('stops a run at its step limit and says so', () => {
    const r = runUntil(schedule(world(), 0, connect), 1e9, { maxSteps: 50 });
    expect(r.truncated).toBe(true);
    expect(r.steps).toBe(50);
  });

  it('runs until idle when nothing periodic is left', () => {
    let w = schedule(world(), 0, connect);
    w = schedule(w, 100, { type: 'client.event', client: 'sensor', event: { type: 'APP.DISCONNECT' } });
    const r = runUntilIdle(w, { maxSteps: 1000 });
    expect(r.truncated).toBe(false);
    expect(step(r.world).entries).toEqual([]);
  });
});

describe('history', () => {
  it('steps back to the identical earlier world and forward again to the identical later one', () => {
    const t = new Timeline(schedule(world(5, { jitterMs: 10 }), 0, connect));
    const seen: World[] = [t.world];
    for (let i = 0; i < 25 && t.forward(); i++) seen.push(t.world);
    const traceAtEnd = fingerprint(t.trace);
    for (let i = seen.length - 1; i > 0; i--) {
      expect(t.back()).toBe(true);
      expect(t.world).toBe(seen[i - 1]);
    }
    expect(t.trace).toEqual([]);
    for (let i = 1; i < seen.length; i++) {
      t.forward();
      expect(t.world).toBe(seen[i]);
    }
    expect(fingerprint(t.trace)).toBe(traceAtEnd);
  });

  it('an old world is unchanged by the steps taken after it', () => {
    const t = new Timeline(schedule(world(), 0, connect));
    t.forwardUntil(100);
    const old = t.world;
    const snapshotJson = JSON.stringify(old.actors.toJS());
    const queueSize = old.queue?.size;
    t.forwardUntil(3000);
    expect(JSON.stringify(old.actors.toJS())).toBe(snapshotJson);
    expect(old.queue?.size).toBe(queueSize);
  });

  it('a fork continues with a different event and leaves the original future as it was', () => {
    const t = new Timeline(schedule(world(), 0, connect));
    t.forwardUntil(3000);
    const original = fingerprint(t.trace);
    t.seek(0);
    t.forwardUntil(500);
    const fork = t.fork({ type: 'cable.cut', client: 'sensor' });
    fork.forwardUntil(3000);
    expect(fork.trace.some((e) => e.explain?.key === 'sim.tcp-held')).toBe(true);
    t.forwardUntil(3000);
    expect(fingerprint(t.trace)).toBe(original);
  });
});
