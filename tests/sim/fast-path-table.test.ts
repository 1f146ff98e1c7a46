/**
 * The fast paths read which events they may take from the machines' definitions
 * (`fastPathTable`, `namedEvents`), so a change to a machine changes its fast path with it.
 * tests/sim/fast-path.test.ts compares fast and xstate runs event by event; this file shows the
 * tables follow the definitions.
 */
import { initialTransition, transition } from 'xstate';
import { describe, expect, it } from 'vitest';
import { brokerMachine, brokerPureStep, namedEvents } from '../../src/core/broker/broker.machine.ts';
import { clientMachine } from '../../src/core/client/client.machine.ts';
import { clientPureStep, fastPathTable } from '../../src/core/client/fast-path.ts';

type Config = Parameters<typeof fastPathTable>[0];
const clientConfig = clientMachine.config as Config;
/** The events a state can take without xstate (some candidate has a plan). */
const fastEvents = (config: Config) =>
  Object.fromEntries(
    [...fastPathTable(config)].map(([state, byEvent]) => [state, [...byEvent].filter(([, candidates]) => candidates.some((c) => c.plan)).map(([type]) => type).sort()]),
  );
/** A state's candidates for an event as `target: actions` (`=` keeps the state, `xstate` has no plan), `?` when guarded. */
const plans = (config: Config, state: string, event: string) =>
  fastPathTable(config)
    .get(state)
    ?.get(event)
    ?.map((c) => `${c.plan ? `${c.plan.target ?? '='}: ${c.plan.actions.join(', ')}` : 'xstate'}${c.guard ? ' ?' : ''}`);

describe('the client fast path, read from the machine', () => {
  it('takes the requests and the packets of a running session in both states of connected, and the keep-alive timer', () => {
    const table = fastEvents(clientConfig);
    const requests = ['APP.CONNECT', 'APP.DISCONNECT', 'APP.PUBLISH', 'APP.SUBSCRIBE', 'APP.UNSUBSCRIBE'];
    expect(table['connected.idle']).toEqual([...requests, 'NET.CLOSED', 'NET.MALFORMED', 'NET.PACKET', 'SYS.CRASH', 'TIMER.KEEPALIVE']);
    expect(table['connected.awaitingPingresp']).toEqual([...requests, 'NET.CLOSED', 'NET.MALFORMED', 'NET.PACKET', 'SYS.CRASH', 'TIMER.PINGRESP']);
    // The keep-alive timer moves between the two states of connected: only the state left is exited, only the one entered entered.
    expect(plans(clientConfig, 'connected.idle', 'TIMER.KEEPALIVE')).toEqual(['connected.awaitingPingresp: disarmKeepAlive, sendPingreq']);
  });

  it('takes the connect phase: APP.CONNECT, NET.OPENED and the CONNACK, with the entry action of the state entered', () => {
    expect(plans(clientConfig, 'disconnected', 'APP.CONNECT')).toEqual(['=: rejectConnectOptions ?', 'opening: startConnect']);
    expect(plans(clientConfig, 'opening', 'NET.OPENED')).toEqual(['connecting: sendConnect']);
    expect(plans(clientConfig, 'connecting', 'NET.PACKET')).toEqual([
      'connected.idle: connackAccepted, armKeepAlive ?',
      'disconnected: connackUnexpectedSession ?',
      'refused: connackRefused ?',
      'disconnected: packetBeforeConnack',
    ]);
    expect(plans(clientConfig, 'refused', 'APP.CONNECT')).toEqual(['=: rejectConnectOptions ?', 'opening: startConnect']);
  });

  it('keeps the snapshot, with no actions, for an event no state on the way names (a CONNACK after the client gave up), as xstate does', () => {
    const [disconnected] = initialTransition(clientMachine, { name: 'c' });
    for (const event of [{ type: 'NET.OPENED' }, { type: 'NET.PACKET', packet: { type: 'connack', sessionPresent: false, reasonCode: 0 } }, { type: 'NET.CLOSED', reason: 'reset' }]) {
      expect(fastPathTable(clientConfig).get('disconnected')!.has(event.type)).toBe(false);
      const [fast, fastActions] = clientPureStep(disconnected, { ...event, nowMs: 5 } as never)!;
      const [slow, slowActions] = transition(clientMachine, disconnected, { ...event, nowMs: 5 } as never);
      expect([fast, fastActions]).toEqual([disconnected, []]);
      expect(slow).toBe(disconnected);
      expect(slowActions).toEqual([]);
    }
    // A wildcard descriptor would take such events: the state then leaves every event to xstate.
    const states = clientConfig.states!;
    const wildcard: Config = { ...clientConfig, states: { ...states, disconnected: { ...states.disconnected, on: { ...states.disconnected!.on, 'NET.*': { actions: 'crash' } } } } };
    expect(fastPathTable(wildcard).has('disconnected')).toBe(false);
    expect(fastPathTable(wildcard).has('opening')).toBe(true);
  });

  it('runs the exit actions of the states left first, innermost first', () => {
    expect(plans(clientConfig, 'connected.idle', 'NET.CLOSED')).toEqual(['disconnected: disarmKeepAlive, networkClosed']);
    expect(plans(clientConfig, 'connected.awaitingPingresp', 'TIMER.PINGRESP')).toEqual(['disconnected: cancelPingresp, keepAliveTimeout']);
    expect(plans(clientConfig, 'connected.idle', 'SYS.CRASH')).toEqual(['crashed: disarmKeepAlive, crash']);
  });

  it("tries the guards in the machine's order: a PINGRESP while awaiting one, then a packet that ends the connection", () => {
    expect(plans(clientConfig, 'connected.awaitingPingresp', 'NET.PACKET')).toEqual([
      'connected.idle: cancelPingresp, pingrespReceived, armKeepAlive ?',
      'disconnected: cancelPingresp, closeForPacket ?',
      '=: handlePacket',
    ]);
    expect(plans(clientConfig, 'connected.idle', 'NET.PACKET')).toEqual(['disconnected: disarmKeepAlive, closeForPacket ?', '=: handlePacket']);
  });

  it('follows a changed definition: a new target, a new entry action, an action that is not a handler', () => {
    const states = clientConfig.states!;
    const connected = states.connected!;
    const publishLeaves: Config = {
      ...clientConfig,
      states: { ...states, connected: { ...connected, on: { ...connected.on, 'APP.PUBLISH': { target: 'disconnected', actions: 'whileConnected' } } } },
    };
    expect(plans(publishLeaves, 'connected.idle', 'APP.PUBLISH')).toEqual(['disconnected: disarmKeepAlive, whileConnected']);
    const enterConnected: Config = { ...clientConfig, states: { ...states, connected: { ...connected, entry: 'sendPingreq' } } };
    expect(plans(enterConnected, 'connecting', 'NET.PACKET')![0]).toBe('connected.idle: connackAccepted, sendPingreq, armKeepAlive ?');
    const notAHandler: Config = { ...clientConfig, states: { ...states, opening: { ...states.opening, on: { ...states.opening!.on, 'NET.OPENED': { target: 'connecting', actions: 'net.open' } } } } };
    expect(fastEvents(notAHandler).opening).not.toContain('NET.OPENED');
    // Left to xstate: a transition to its own state, one with `reenter`, a target by another id.
    const opening = (t: object): Config => ({ ...clientConfig, states: { ...states, opening: { ...states.opening, on: { ...states.opening!.on, 'NET.OPENED': t } } } });
    expect(plans(opening({ target: 'opening', actions: 'sendConnect' }), 'opening', 'NET.OPENED')).toEqual(['xstate']);
    expect(plans(opening({ target: 'connecting', reenter: true, actions: 'sendConnect' }), 'opening', 'NET.OPENED')).toEqual(['xstate']);
    expect(plans(opening({ target: '#other.connecting', actions: 'sendConnect' }), 'opening', 'NET.OPENED')).toEqual(['xstate']);
    const eventless: Config = { ...clientConfig, states: { ...states, connecting: { ...states.connecting, always: { target: 'disconnected' } } } };
    expect(plans(eventless, 'opening', 'NET.OPENED')).toEqual(['xstate']);
  });
});

describe('the broker fast path, read from the machine', () => {
  it('leaves to xstate exactly the events a state names; everything else is one engine step', () => {
    const named = namedEvents(brokerMachine.config as Parameters<typeof namedEvents>[0]);
    expect(Object.fromEntries([...named].map(([s, events]) => [s, [...events].sort()]))).toEqual({
      running: ['BROKER.START', 'BROKER.STOP'],
      down: ['BROKER.RESTART', 'BROKER.START'],
    });
    const [running] = initialTransition(brokerMachine, {} as never);
    expect(brokerPureStep(running, { type: 'BROKER.STOP', nowMs: 0 } as never)).toBeUndefined();
    expect(brokerPureStep(running, { type: 'TIMER.SYS', nowMs: 0 } as never)?.[0].value).toBe('running');
    // The connect phase is engine steps: NET.OPEN, CONNECT, SUBSCRIBE.
    for (const type of ['NET.OPEN', 'NET.PACKET']) expect(named.get('running')!.has(type)).toBe(false);
  });

  it('follows a changed definition: a newly named event goes through xstate', () => {
    const config = brokerMachine.config as Parameters<typeof namedEvents>[0];
    const changed = { states: { ...config.states, running: { on: { ...config.states!.running!.on, 'NET.PACKET': {} } } } };
    expect(namedEvents(changed).get('running')!.has('NET.PACKET')).toBe(true);
  });
});
