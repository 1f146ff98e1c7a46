/**
 * The MQTT client as an xstate machine, advanced only with the pure `initialTransition()` /
 * `transition()` (see `src/core/mqtt/actor-contract.ts`).
 *
 * States (drawn by the UI):
 *   disconnected ──APP.CONNECT──▶ opening ──NET.OPENED──▶ connecting ──CONNACK 0──▶ connected
 *        ▲                          │                       │ CONNACK refused ──▶ refused
 *        └──── NET.CLOSED, APP.DISCONNECT, keep-alive timeout, protocol error ◀──┘
 *   connected = { idle ⇄ awaitingPingresp }       any state ──SYS.CRASH──▶ crashed
 *
 * The protocol rules live in `session.ts` as pure functions returning effects; this file only
 * chooses states and turns effects into the contract's actions: `net.open`, `net.send`
 * {packet, version}, `net.close`, `app.deliver` {packet}, `trace.explain` {ref, key, params},
 * and timers as `xstate.raise` with a delay (ids `keepAlive`, `pingresp`) / `xstate.cancel`.
 * The fast path (`fast-path.ts`) reads its table from this definition and calls `GUARDS` and
 * `HANDLERS` directly.
 */
import { enqueueActions, setup } from 'xstate';
import type {
  AppDeliverParams,
  NetCloseParams,
  NetOpenParams,
  NetSendParams,
  TraceExplainParams,
} from '../mqtt/actor-contract.ts';
import {
  abortConnect,
  armKeepAlive,
  cancelPingresp,
  cleanDisconnect,
  closeForPacket,
  closingPacket,
  connackAccepted,
  connackOutcome,
  connackRefused,
  connackUnexpectedSession,
  connectAlready,
  connectOptionsProblem,
  crash,
  disarmKeepAlive,
  handlePacket,
  initialContext,
  keepAliveTimeout,
  malformed,
  networkClosed,
  packetBeforeConnack,
  pingrespReceived,
  publish,
  sendConnect,
  sendPingreq,
  startConnect,
  subscribeOrUnsubscribe,
  type Phase,
} from './session.ts';
import type { ClientContext, ClientEvent, Step } from './types.ts';

/** Input of the machine: the actor's name in the scenario. */
export interface ClientInput {
  name: string;
}

/** A pure handler: the context after an event, and the effects it asks for. */
export type Handler = (ctx: ClientContext, event: ClientEvent) => Step;

/** Runs a pure handler: assigns its context and enqueues its effects as named actions. */
function run(handler: Handler) {
  return enqueueActions<ClientContext, ClientEvent, undefined, ClientEvent, never, never, never, never, never>(
    ({ context, event, enqueue }) => {
      const { context: next, effects } = handler(context, event);
      if (next !== context) enqueue.assign(() => next);
      // The effects are the contract's actions already (types.ts); timers become xstate's own.
      for (const action of effects) {
        if (action.type === 'xstate.raise') {
          const { event: timerEvent, id, delay } = action.params;
          enqueue.raise(timerEvent, { delay, id });
        } else if (action.type === 'xstate.cancel') {
          enqueue.cancel(action.params.sendId);
        } else {
          enqueue(action as never);
        }
      }
    },
  );
}

function phaseOf(phase: Phase): Handler {
  return (ctx, event) => {
    switch (event.type) {
      case 'APP.PUBLISH':
        return publish(
          ctx,
          { topic: event.topic, payload: event.payload, qos: event.qos, retain: event.retain, properties: event.properties },
          phase,
          event.nowMs,
        );
      case 'APP.SUBSCRIBE':
      case 'APP.UNSUBSCRIBE': {
        const request =
          event.type === 'APP.SUBSCRIBE'
            ? ({ kind: 'subscribe', subscriptions: event.subscriptions, properties: event.properties } as const)
            : ({ kind: 'unsubscribe', topicFilters: event.topicFilters, properties: event.properties } as const);
        return subscribeOrUnsubscribe(ctx, request, phase, event.nowMs);
      }
      default:
        return { context: ctx, effects: [] };
    }
  };
}

const whileConnected = phaseOf('connected');

/** No effects: one shared empty list (the fast path returns it too). */
export const noEffects: Step['effects'] = [];

/** A guard as a plain function of the context and the event. */
export type Guard = (ctx: ClientContext, event: ClientEvent) => boolean;

/** The machine's guards as plain functions: xstate calls them below, the fast path (fast-path.ts) directly. */
export const GUARDS = {
  connectOptionsInvalid: (_ctx, event) => event.type === 'APP.CONNECT' && connectOptionsProblem(event.options) !== null,
  isConnack: (_ctx, event) => event.type === 'NET.PACKET' && event.packet.type === 'connack',
  connackAccepted: (ctx, event) => event.type === 'NET.PACKET' && event.packet.type === 'connack' && connackOutcome(ctx, event.packet) === 'accepted',
  connackUnexpectedSession: (ctx, event) =>
    event.type === 'NET.PACKET' && event.packet.type === 'connack' && connackOutcome(ctx, event.packet) === 'unexpected-session',
  packetEndsConnection: (ctx, event) => event.type === 'NET.PACKET' && closingPacket(ctx, event.packet) !== null,
  isPingresp: (_ctx, event) => event.type === 'NET.PACKET' && event.packet.type === 'pingresp',
} as const satisfies Record<string, Guard>;

/**
 * The machine's actions as plain handlers: xstate runs each through `run` below, the fast path
 * (fast-path.ts) calls them directly. Each only changes the context and returns effects.
 */
export const HANDLERS = {
  startConnect: (ctx, e) => (e.type === 'APP.CONNECT' ? startConnect(ctx, e.options, e.nowMs) : { context: ctx, effects: noEffects }),
  rejectConnectOptions: (ctx, e) => {
    const problem = e.type === 'APP.CONNECT' ? connectOptionsProblem(e.options) : null;
    return { context: ctx, effects: problem ? [{ type: 'trace.explain', params: problem }] : noEffects };
  },
  sendConnect: (ctx, e) => sendConnect(ctx, e.nowMs),
  connectAlready: (ctx, e) => connectAlready(ctx, e.nowMs),
  whileOffline: phaseOf('offline'),
  whileConnecting: phaseOf('connecting'),
  whileConnected,
  connackAccepted: (ctx, e) =>
    e.type === 'NET.PACKET' && e.packet.type === 'connack' ? connackAccepted(ctx, e.packet, e.nowMs) : { context: ctx, effects: noEffects },
  connackRefused: (ctx, e) =>
    e.type === 'NET.PACKET' && e.packet.type === 'connack' ? connackRefused(ctx, e.packet, e.nowMs) : { context: ctx, effects: noEffects },
  connackUnexpectedSession: (ctx, e) =>
    e.type === 'NET.PACKET' && e.packet.type === 'connack' ? connackUnexpectedSession(ctx, e.packet, e.nowMs) : { context: ctx, effects: noEffects },
  packetBeforeConnack: (ctx, e) =>
    e.type === 'NET.PACKET' ? closeForPacket(ctx, packetBeforeConnack(ctx, e.packet), e.nowMs) : { context: ctx, effects: noEffects },
  closeForPacket: (ctx, e) => {
    const closing = e.type === 'NET.PACKET' ? closingPacket(ctx, e.packet) : null;
    return closing ? closeForPacket(ctx, closing, e.nowMs) : { context: ctx, effects: noEffects };
  },
  handlePacket: (ctx, e) => (e.type === 'NET.PACKET' ? handlePacket(ctx, e.packet, e.nowMs) : { context: ctx, effects: noEffects }),
  armKeepAlive: (ctx, e) => armKeepAlive(ctx, e.nowMs),
  disarmKeepAlive: (ctx, e) => disarmKeepAlive(ctx, e.nowMs),
  sendPingreq: (ctx, e) => sendPingreq(ctx, e.nowMs),
  pingrespReceived: (ctx, e) => pingrespReceived(ctx, e.nowMs),
  cancelPingresp: (ctx, e) => cancelPingresp(ctx, e.nowMs),
  keepAliveTimeout: (ctx, e) => keepAliveTimeout(ctx, e.nowMs),
  cleanDisconnect: (ctx, e) =>
    e.type === 'APP.DISCONNECT' ? cleanDisconnect(ctx, e.reasonCode, e.properties, e.nowMs) : { context: ctx, effects: noEffects },
  abortConnect: (ctx, e) => abortConnect(ctx, e.nowMs),
  networkClosed: (ctx, e) => (e.type === 'NET.CLOSED' ? networkClosed(ctx, e.reason, e.nowMs) : { context: ctx, effects: noEffects }),
  malformed: (ctx, e) => (e.type === 'NET.MALFORMED' ? malformed(ctx, e.error, e.nowMs) : { context: ctx, effects: noEffects }),
  crash: (ctx, e) => crash(ctx, e.nowMs),
  restart: (ctx) => ({ context: initialContext(ctx.name), effects: noEffects }),
} as const satisfies Record<string, Handler>;

/** An offline state's requests: kept for later or refused (`whileOffline`). */
const OFFLINE_REQUESTS = {
  'APP.PUBLISH': { actions: 'whileOffline' },
  'APP.SUBSCRIBE': { actions: 'whileOffline' },
  'APP.UNSUBSCRIBE': { actions: 'whileOffline' },
} as const;

/** A new connection from a state without one: checked options first, then `opening`. */
const CONNECT_FROM_OFFLINE = {
  'APP.CONNECT': [
    { guard: 'connectOptionsInvalid', actions: 'rejectConnectOptions' },
    { target: 'opening', actions: 'startConnect' },
  ],
} as const;

/** The handlers shared by `opening` and `connecting`: a connection on its way, no CONNACK yet. */
const WHILE_CONNECTING_ON = {
  'APP.CONNECT': { actions: 'connectAlready' },
  'NET.CLOSED': { target: 'disconnected', actions: 'networkClosed' },
  'APP.DISCONNECT': { target: 'disconnected', actions: 'abortConnect' },
  'APP.PUBLISH': { actions: 'whileConnecting' },
  'APP.SUBSCRIBE': { actions: 'whileConnecting' },
  'APP.UNSUBSCRIBE': { actions: 'whileConnecting' },
} as const;

/** The handlers of the states without a connection (`disconnected`, `refused`). */
const OFFLINE_ON = { ...CONNECT_FROM_OFFLINE, ...OFFLINE_REQUESTS } as const;

export const clientMachine = setup({
  types: {
    context: {} as ClientContext,
    events: {} as ClientEvent,
    input: {} as ClientInput,
  },
  actions: {
    // The contract's effects: data for the driver, never executed here.
    'net.open': (_: unknown, _params: NetOpenParams) => {},
    'net.send': (_: unknown, _params: NetSendParams) => {},
    'net.close': (_: unknown, _params: NetCloseParams) => {},
    'app.deliver': (_: unknown, _params: AppDeliverParams) => {},
    'trace.explain': (_: unknown, _params: TraceExplainParams) => {},
    startConnect: run(HANDLERS.startConnect),
    rejectConnectOptions: run(HANDLERS.rejectConnectOptions),
    sendConnect: run(HANDLERS.sendConnect),
    connectAlready: run(HANDLERS.connectAlready),
    whileOffline: run(HANDLERS.whileOffline),
    whileConnecting: run(HANDLERS.whileConnecting),
    whileConnected: run(HANDLERS.whileConnected),
    connackAccepted: run(HANDLERS.connackAccepted),
    connackRefused: run(HANDLERS.connackRefused),
    connackUnexpectedSession: run(HANDLERS.connackUnexpectedSession),
    packetBeforeConnack: run(HANDLERS.packetBeforeConnack),
    closeForPacket: run(HANDLERS.closeForPacket),
    handlePacket: run(HANDLERS.handlePacket),
    armKeepAlive: run(HANDLERS.armKeepAlive),
    disarmKeepAlive: run(HANDLERS.disarmKeepAlive),
    sendPingreq: run(HANDLERS.sendPingreq),
    pingrespReceived: run(HANDLERS.pingrespReceived),
    cancelPingresp: run(HANDLERS.cancelPingresp),
    keepAliveTimeout: run(HANDLERS.keepAliveTimeout),
    cleanDisconnect: run(HANDLERS.cleanDisconnect),
    abortConnect: run(HANDLERS.abortConnect),
    networkClosed: run(HANDLERS.networkClosed),
    malformed: run(HANDLERS.malformed),
    crash: run(HANDLERS.crash),
    restart: run(HANDLERS.restart),
  },
  guards: {
    connectOptionsInvalid: ({ context, event }) => GUARDS.connectOptionsInvalid(context, event),
    isConnack: ({ context, event }) => GUARDS.isConnack(context, event),
    connackAccepted: ({ context, event }) => GUARDS.connackAccepted(context, event),
    connackUnexpectedSession: ({ context, event }) => GUARDS.connackUnexpectedSession(context, event),
    packetEndsConnection: ({ context, event }) => GUARDS.packetEndsConnection(context, event),
    isPingresp: ({ context, event }) => GUARDS.isPingresp(context, event),
  },
}).createMachine({
  id: 'client',
  context: ({ input }) => initialContext(input.name),
  initial: 'disconnected',
  on: {
    'SYS.CRASH': { target: '.crashed', actions: 'crash' },
  },
  states: {
    /** No network connection. A persistent session's state is kept here. */
    disconnected: {
      on: OFFLINE_ON,
    },
    /** net.open sent, waiting for NET.OPENED. */
    opening: {
      on: {
        'NET.OPENED': { target: 'connecting', actions: 'sendConnect' },
        ...WHILE_CONNECTING_ON,
      },
    },
    /** CONNECT sent, waiting for CONNACK. */
    connecting: {
      on: {
        'NET.PACKET': [
          { guard: 'connackAccepted', target: 'connected', actions: 'connackAccepted' },
          { guard: 'connackUnexpectedSession', target: 'disconnected', actions: 'connackUnexpectedSession' },
          { guard: 'isConnack', target: 'refused', actions: 'connackRefused' },
          { target: 'disconnected', actions: 'packetBeforeConnack' },
        ],
        'NET.MALFORMED': { target: 'disconnected', actions: 'malformed' },
        ...WHILE_CONNECTING_ON,
      },
    },
    /** CONNACK accepted: the session runs. */
    connected: {
      initial: 'idle',
      on: {
        'NET.PACKET': [
          { guard: 'packetEndsConnection', target: 'disconnected', actions: 'closeForPacket' },
          { actions: 'handlePacket' },
        ],
        'NET.MALFORMED': { target: 'disconnected', actions: 'malformed' },
        'NET.CLOSED': { target: 'disconnected', actions: 'networkClosed' },
        'APP.DISCONNECT': { target: 'disconnected', actions: 'cleanDisconnect' },
        'APP.CONNECT': { actions: 'connectAlready' },
        'APP.PUBLISH': { actions: 'whileConnected' },
        'APP.SUBSCRIBE': { actions: 'whileConnected' },
        'APP.UNSUBSCRIBE': { actions: 'whileConnected' },
      },
      states: {
        /** The keep-alive timer runs; every sent packet restarts it. */
        idle: {
          entry: 'armKeepAlive',
          exit: 'disarmKeepAlive',
          on: {
            'TIMER.KEEPALIVE': { target: 'awaitingPingresp', actions: 'sendPingreq' },
          },
        },
        /** PINGREQ sent; without a PINGRESP within keepAliveSec the connection is dead. */
        awaitingPingresp: {
          exit: 'cancelPingresp',
          on: {
            'NET.PACKET': { guard: 'isPingresp', target: 'idle', actions: 'pingrespReceived' },
            'TIMER.PINGRESP': { target: '#client.disconnected', actions: 'keepAliveTimeout' },
          },
        },
      },
    },
    /** CONNACK refused the connection; the return/reason code is kept. */
    refused: {
      on: OFFLINE_ON,
    },
    /** The process died: everything in memory is lost. A new APP.CONNECT starts it afresh. */
    crashed: {
      on: {
        'SYS.RESTART': { target: 'disconnected', actions: 'restart' },
        ...CONNECT_FROM_OFFLINE,
      },
    },
  },
});

export type ClientMachine = typeof clientMachine;
