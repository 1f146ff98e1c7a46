/**
 * The broker as an xstate machine: `running` and `down`.
 *
 * All MQTT behaviour lives in pure functions (engine.ts and the modules it calls); each event
 * runs one `enqueueActions` that computes `{ context, effects }`, assigns the context and turns
 * the effects into actions for the driver (actor-contract.ts): `net.send`, `net.close`,
 * `trace.explain`, and timers as delayed `raise` (ids: `keepalive:<connId>`, `will:<clientId>`,
 * `session-expiry:<clientId>`, `sys`) and `cancel`. Nothing is executed here.
 *
 * `brokerPureStep` at the end is the same thing without xstate's machinery, for the world's hot
 * path: the machine stays the definition, the fast path only skips the interpretation.
 */
import { enqueueActions, setup, type SnapshotFrom } from 'xstate';
import type { ContractAction, NetCloseParams, NetSendParams, PureStep, TraceExplainParams } from '../mqtt/actor-contract.ts';
import { withContext } from '../mqtt/actor-contract.ts';
import type { BrokerContext, Effect } from './context.ts';
import { initialContext, start, step, stepDown, type BrokerEvent, type BrokerInput, type StepResult } from './engine.ts';

type Enqueue = {
  (action: ContractAction): void;
  assign: (ctx: BrokerContext) => void;
  raise: (event: BrokerEvent, options: { delay: number; id: string }) => void;
  cancel: (id: string) => void;
};

/**
 * The contract's actions for the engine's effects, in order (the same list whether xstate
 * resolves them in `emit` below or `brokerPureStep` returns them directly).
 */
function effectActions(effects: readonly Effect[]): ContractAction[] {
  return effects.map((e): ContractAction => {
    switch (e.type) {
      case 'timer.start':
        // The driver adds `nowMs` when the timer fires (actor-contract.ts).
        return { type: 'xstate.raise', params: { event: e.event, id: e.id, delay: e.delayMs } };
      case 'timer.cancel':
        return { type: 'xstate.cancel', params: { sendId: e.id } };
      default:
        return e;
    }
  });
}

function emit(enqueue: Enqueue, result: StepResult): void {
  enqueue.assign(result.context);
  for (const action of effectActions(result.effects)) {
    if (action.type === 'xstate.raise') {
      const { event, id, delay } = action.params as { event: BrokerEvent; id: string; delay: number };
      enqueue.raise(event, { delay, id });
    } else if (action.type === 'xstate.cancel') {
      enqueue.cancel((action.params as { sendId: string }).sendId);
    } else {
      enqueue(action);
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

type BrokerSnapshot = SnapshotFrom<BrokerMachine>;

/**
 * The events each state names in its own `on` table, read from the machine's definition: they
 * change the state (or do nothing), so they go through xstate; every other event takes the
 * state's `*` transition, which keeps the state and runs one engine step.
 */
export function namedEvents(config: { states?: Readonly<Record<string, { on?: Readonly<Record<string, unknown>> }>> }): ReadonlyMap<string, ReadonlySet<string>> {
  return new Map(Object.entries(config.states ?? {}).map(([state, c]) => [state, new Set(Object.keys(c.on ?? {}).filter((type) => type !== '*'))]));
}

const NAMED = namedEvents(brokerMachine.config as Parameters<typeof namedEvents>[0]);
const NAMED_RUNNING = NAMED.get('running')!;
const NAMED_DOWN = NAMED.get('down')!;

/**
 * The fast path (actor-contract.ts, `PureStep`): every event the machine handles with its `*`
 * transition (any event its state does not name, `namedEvents`), which keeps the state and runs
 * one engine step, computed by calling the engine directly, as the TCP driver does. The machine
 * would give the same snapshot (a new context, the same state) and the same actions; a test
 * compares both on whole scenarios. The events that move between `running` and `down` go
 * through xstate.
 */
export const brokerPureStep: PureStep<BrokerSnapshot> = (snapshot, event, run) => {
  const e = event as BrokerEvent;
  let result: StepResult;
  if (snapshot.value === 'running' && !NAMED_RUNNING.has(e.type)) result = step(snapshot.context, e, run?.owned);
  else if (snapshot.value === 'down' && !NAMED_DOWN.has(e.type)) result = stepDown(snapshot.context, e, run?.owned);
  else return undefined;
  return [withContext(snapshot, result.context), effectActions(result.effects)];
};
