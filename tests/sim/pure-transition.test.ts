import { describe, expect, it } from 'vitest';
import { initialTransition, transition, type AnyMachineSnapshot } from 'xstate';
import { clientMachine } from '../../src/core/client/index.ts';
import { brokerMachine } from '../../src/core/broker/index.ts';
import { pureInitialTransition, pureTransition } from '../../src/sim/pure-transition.ts';

const te = new TextEncoder();

/** Snapshot and actions as comparable data. */
function plain([snapshot, actions]: [AnyMachineSnapshot, ReadonlyArray<{ type: string; params?: unknown }>]): string {
  return JSON.stringify({ value: snapshot.value, status: snapshot.status, context: snapshot.context, actions: actions.map((a) => ({ type: a.type, params: a.params })) }, (_k, v) =>
    v instanceof Uint8Array ? Array.from(v) : v,
  );
}

describe('pureTransition', () => {
  it('gives the same snapshots and actions as xstate transition() for a client session', () => {
    const events = [
      { type: 'APP.CONNECT', nowMs: 0, options: { clientId: 'c', keepAliveSec: 5, protocolVersion: 5 } },
      { type: 'NET.OPENED', nowMs: 40 },
      { type: 'NET.PACKET', nowMs: 80, packet: { type: 'connack', sessionPresent: false, reasonCode: 0 } },
      { type: 'APP.PUBLISH', nowMs: 100, topic: 't', payload: te.encode('x'), qos: 2, retain: false },
      { type: 'NET.PACKET', nowMs: 140, packet: { type: 'pubrec', packetId: 1, reasonCode: 0 } },
      { type: 'TIMER.KEEPALIVE', nowMs: 5140 },
      { type: 'NET.CLOSED', nowMs: 6000, reason: 'reset' },
    ];
    let [a] = initialTransition(clientMachine, { name: 'c' });
    let b = a;
    for (const event of events) {
      const ours = pureTransition(clientMachine, a, event);
      const theirs = transition(clientMachine, b, event as never);
      expect(plain(ours)).toBe(plain(theirs));
      [a, b] = [ours[0], theirs[0]];
    }
  });

  it('gives the same snapshots and actions as xstate transition() for the broker', () => {
    const events = [
      { type: 'NET.OPEN', connId: 'k', nowMs: 0 },
      { type: 'NET.PACKET', connId: 'k', nowMs: 1, packet: { type: 'connect', protocolVersion: 4, clean: true, keepAliveSec: 10, clientId: 'x', will: { topic: 'w', payload: te.encode('bye'), qos: 1, retain: false } } },
      { type: 'NET.PACKET', connId: 'k', nowMs: 2, packet: { type: 'subscribe', packetId: 1, subscriptions: [{ topicFilter: '#', qos: 1 }] } },
      { type: 'NET.PACKET', connId: 'k', nowMs: 3, packet: { type: 'publish', topic: 'a/b', payload: te.encode('1'), qos: 1, retain: true, dup: false, packetId: 7 } },
      { type: 'NET.CLOSED', connId: 'k', nowMs: 4, reason: 'reset' },
    ];
    let [a] = initialTransition(brokerMachine, { sysIntervalSec: 0 });
    let b = a;
    for (const event of events) {
      const ours = pureTransition(brokerMachine, a, event);
      const theirs = transition(brokerMachine, b, event as never);
      expect(plain(ours)).toBe(plain(theirs));
      [a, b] = [ours[0], theirs[0]];
    }
  });

  it("gives the same initial snapshots and actions as xstate initialTransition(), each with its own context", () => {
    for (const [machine, inputs] of [
      [clientMachine, [{ name: 'a' }, { name: 'b' }]],
      [brokerMachine, [{ sysIntervalSec: 10 }, { sysIntervalSec: 0, allowAnonymous: false }]],
    ] as const) {
      const made = inputs.map((input) => pureInitialTransition(machine, input));
      inputs.forEach((input, i) => expect(plain(made[i]!)).toBe(plain(initialTransition(machine as never, input as never) as never)));
      expect(made[0]![0].context).not.toBe(made[1]![0].context);
      expect(made[0]![1]).not.toBe(made[1]![1]);
    }
    // The broker's $SYS timer is armed by its initial state: the actions are really there.
    expect(pureInitialTransition(brokerMachine, { sysIntervalSec: 10 })[1].some((a) => a.type === 'xstate.raise')).toBe(true);
  });
});
