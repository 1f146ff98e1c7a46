/**
 * Two tiny actors that follow the actor contract, so the world's kernel is tested apart from
 * the real broker and client: a client that connects and pings every `pingMs`, and a broker
 * that answers CONNECT with CONNACK, PINGREQ with PINGRESP and echoes PUBLISH back.
 */
import { assign, setup } from 'xstate';
import type { Packet } from '../../src/core/codec/types.ts';
import type { Explain, NetSendParams } from '../../src/core/mqtt/actor-contract.ts';

/** Effects are interpreted by the world; transition() never runs these bodies. */
const effects = {
  'net.open': () => {},
  'net.send': (_: unknown, _params: NetSendParams) => {},
  'net.close': () => {},
  'trace.explain': (_: unknown, _params: Explain) => {},
};

type ToyClientEvent =
  | { type: 'APP.CONNECT'; nowMs: number }
  | { type: 'APP.PUBLISH'; topic: string; nowMs: number }
  | { type: 'APP.DISCONNECT'; nowMs: number }
  | { type: 'NET.OPENED'; nowMs: number }
  | { type: 'NET.PACKET'; packet: Packet; nowMs: number }
  | { type: 'NET.CLOSED'; reason: string; nowMs: number }
  | { type: 'SYS.CRASH'; nowMs: number };

export const toyClient = setup({
  types: { context: {} as { pingMs: number; received: number; closedReason: string }, input: {} as { pingMs?: number } | undefined, events: {} as ToyClientEvent },
  actions: effects,
  delays: { ping: ({ context }) => context.pingMs },
}).createMachine({
  id: 'toy-client',
  context: ({ input }) => ({ pingMs: input?.pingMs ?? 1000, received: 0, closedReason: '' }),
  initial: 'idle',
  on: { 'SYS.CRASH': '.crashed' },
  states: {
    idle: { on: { 'APP.CONNECT': { target: 'opening', actions: [{ type: 'net.open' }] } } },
    opening: {
      on: {
        'NET.OPENED': {
          target: 'connecting',
          actions: [{ type: 'net.send', params: { packet: { type: 'connect', protocolVersion: 4, clean: true, keepAliveSec: 60, clientId: 'toy' }, version: 4 } }],
        },
        'NET.CLOSED': { target: 'idle', actions: assign({ closedReason: ({ event }) => event.reason }) },
      },
    },
    connecting: { on: { 'NET.PACKET': { target: 'connected' } } },
    connected: {
      after: { ping: { target: 'connected', reenter: true, actions: [{ type: 'net.send', params: { packet: { type: 'pingreq' }, version: 4 } }] } },
      on: {
        'APP.PUBLISH': {
          actions: [{ type: 'net.send', params: ({ event }) => ({ packet: { type: 'publish', topic: event.topic, payload: new Uint8Array([0x68, 0x69]), qos: 0, retain: false, dup: false }, version: 4 }) }],
        },
        'NET.PACKET': {
          actions: [
            assign({ received: ({ context }) => context.received + 1 }),
            { type: 'trace.explain', params: ({ event }) => ({ ref: 'toy', key: 'toy.received', params: { type: event.packet.type } }) },
          ],
        },
        'APP.DISCONNECT': { target: 'idle', actions: [{ type: 'net.send', params: { packet: { type: 'disconnect' }, version: 4 } }, { type: 'net.close' }] },
        'NET.CLOSED': { target: 'idle', actions: assign({ closedReason: ({ event }) => event.reason }) },
      },
    },
    crashed: { type: 'final' },
  },
});

type ToyBrokerEvent =
  | { type: 'NET.OPEN'; connId: string; nowMs: number }
  | { type: 'NET.PACKET'; connId: string; packet: Packet; nowMs: number }
  | { type: 'NET.CLOSED'; connId: string; reason: string; nowMs: number }
  | { type: 'BROKER.RESTART'; nowMs: number };

export const toyBroker = setup({
  types: { context: {} as { closed: string[] }, events: {} as ToyBrokerEvent },
  actions: effects,
}).createMachine({
  id: 'toy-broker',
  context: { closed: [] },
  initial: 'running',
  states: {
    running: {
      on: {
        'NET.PACKET': {
          actions: [
            {
              type: 'net.send',
              params: ({ event }) => {
                const p = event.packet;
                const reply: Packet = p.type === 'connect' ? { type: 'connack', sessionPresent: false, reasonCode: 0 } : p.type === 'pingreq' ? { type: 'pingresp' } : p;
                return { connId: event.connId, packet: reply, version: 4 };
              },
            },
          ],
        },
        'NET.CLOSED': { actions: assign({ closed: ({ context, event }) => [...context.closed, `${event.connId}:${event.reason}`] }) },
      },
    },
  },
});
