/**
 * The broker as an xstate machine: `running` and `down`.
 *
 * All MQTT behaviour lives in pure functions (engine.ts and the modules it calls); each event
 * runs one `enqueueActions` that computes `{ context, effects }`, assigns the context and turns
 * the effects into actions for the driver (actor-contract.ts): `net.send`, `net.close`,
 * `trace.explain`, and timers as delayed `raise` (ids: `keepalive:<connId>`, `will:<clientId>`,
 * `session-expiry:<clientId>`, `sys`) and `cancel`. Nothing is executed here.
 */
import { enqueueActions, setup } from 'xstate';
import type { NetCloseParams, NetSendParams, TraceExplainParams } from '../mqtt/actor-contract.ts';
import type { BrokerContext, Effect } from './context.ts';
import { initialContext, start, step, stepDown, type BrokerEvent, type BrokerInput, type StepResult } from './engine.ts';

type Enqueue = {
  (action: { type: 'net.send'; params: NetSendParams } | { type: 'net.close'; params: NetCloseParams } | { type: 'trace.explain'; params: TraceExplainParams }): void;
  assign: (ctx: BrokerContext) => void;
  raise: (event: BrokerEvent, options: { delay: number; id: string }) => void;
  cancel: (id: string) => void;
};

function emit(enqueue: Enqueue, result: StepResult): void {
  enqueue.assign(result.context);
  for (const e of result.effects as Effect[]) {
    switch (e.type) {
      case 'timer.start':
        // The driver adds `nowMs` when the timer fires (actor-contract.ts).
        enqueue.raise(e.event as BrokerEvent, { delay: e.delayMs, id: e.id });
        break;
      case 'timer.cancel':
        enqueue.cancel(e.id);
        break;
      default:
        enqueue(e);
    }
  }
}

export const brokerMachine = setup({
  types: {
    context: {} as BrokerContext,
    events: {} as BrokerEvent,
    input: {} as BrokerInput,
  },
  actions: {
    'net.send': (_: unknown, _params: NetSendParams) => {},
    'net.close': (_: unknown, _params: NetCloseParams) => {},
    'trace.explain': (_: unknown, _params: TraceExplainParams) => {},
  },
}).createMachine({
  id: 'broker',
  context: ({ input }) => initialContext(input),
  initial: 'running',
  states: {
    running: {
      entry: enqueueActions(({ context, event, enqueue }) => {
        const nowMs = 'nowMs' in event && typeof event.nowMs === 'number' ? event.nowMs : context.startedAtMs;
        emit(enqueue as unknown as Enqueue, start(context, nowMs));
      }),
      on: {
        'BROKER.STOP': {
          target: 'down',
          actions: enqueueActions(({ context, event, enqueue }) => emit(enqueue as unknown as Enqueue, step(context, event))),
        },
        'BROKER.START': {},
        '*': {
          actions: enqueueActions(({ context, event, enqueue }) => emit(enqueue as unknown as Enqueue, step(context, event))),
        },
      },
    },
    down: {
      on: {
        'BROKER.START': { target: 'running' },
        'BROKER.RESTART': { target: 'running' },
        '*': {
          actions: enqueueActions(({ context, event, enqueue }) => emit(enqueue as unknown as Enqueue, stepDown(context, event))),
        },
      },
    },
  },
});

export type BrokerMachine = typeof brokerMachine;
