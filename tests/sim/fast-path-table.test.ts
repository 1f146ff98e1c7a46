/**
 * The fast paths read which events they may take from the machines' definitions
 * (`fastPathTable`, `namedEvents`), so a change to a machine changes its fast path with it.
 * tests/sim/fast-path.test.ts compares fast and xstate runs event by event; this file shows the
 * tables follow the definitions.
 */
import { initialTransition } from 'xstate';
import { describe, expect, it } from 'vitest';
import { brokerMachine, brokerPureStep, namedEvents } from '../../src/core/broker/broker.machine.ts';
import { clientMachine, fastPathTable } from '../../src/core/client/client.machine.ts';

type Config = Parameters<typeof fastPathTable>[0];
const clientConfig = clientMachine.config as Config;
const fastEvents = (config: Config) =>
  Object.fromEntries([...fastPathTable(config)].map(([state, byEvent]) => [state, [...byEvent.keys()].sort()]));

describe('the client fast path, read from the machine', () => {
  it('takes the requests and the packets of a running session in both states of connected', () => {
    const events = ['APP.PUBLISH', 'APP.SUBSCRIBE', 'APP.UNSUBSCRIBE', 'NET.PACKET'];
    expect(fastEvents(clientConfig)).toEqual({ idle: events, awaitingPingresp: events });
  });

  it('tries the guards in the machine\'s order: a PINGRESP while awaiting one, then a packet that ends the connection', () => {
    const awaiting = fastPathTable(clientConfig).get('awaitingPingresp')!.get('NET.PACKET')!;
    expect(awaiting.map((c) => c.handler !== undefined)).toEqual([false, false, true]);
    expect(fastPathTable(clientConfig).get('idle')!.get('NET.PACKET')!.map((c) => c.handler !== undefined)).toEqual([false, true]);
  });

  it('follows a changed definition: a request that leaves connected is no longer taken', () => {
    const connected = clientConfig.states!.connected!;
    const changed: Config = {
      ...clientConfig,
      states: { ...clientConfig.states, connected: { ...connected, on: { ...connected.on, 'APP.PUBLISH': { target: 'disconnected', actions: 'whileConnected' } } } },
    };
    expect(fastEvents(changed).idle).toEqual(['APP.SUBSCRIBE', 'APP.UNSUBSCRIBE', 'NET.PACKET']);
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
  });

  it('follows a changed definition: a newly named event goes through xstate', () => {
    const config = brokerMachine.config as Parameters<typeof namedEvents>[0];
    const changed = { states: { ...config.states, running: { on: { ...config.states!.running!.on, 'NET.PACKET': {} } } } };
    expect(namedEvents(changed).get('running')!.has('NET.PACKET')).toBe(true);
  });
});
