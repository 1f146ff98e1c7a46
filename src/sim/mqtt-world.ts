/**
 * The headless API for tests, lessons and the UI: a world with the real MQTT broker and
 * clients. `createMqttWorld` wires the machines of `core/broker` and `core/client` into the
 * generic world; everything else (stepping, running, history) is in `world.ts`, `run.ts` and
 * `history.ts`.
 */
import { brokerDecoderLimits, brokerMachine, brokerView, type BrokerConfig, type BrokerContext } from '../core/broker/index.ts';
import { brokerPureStep } from '../core/broker/broker.machine.ts';
import { clientMachine, clientPureStep, clientView, type ClientAppEvent } from '../core/client/index.ts';
import { createWorld, type ActorDef, type ActorEvent, type LinkSettings, type World, type WorldCommand } from './world.ts';

export interface MqttWorldConfig {
  seed?: number;
  broker?: BrokerConfig;
  clients: ReadonlyArray<string | { name: string; link?: Partial<LinkSettings> }>;
  /** Default link for every client (20 ms latency, no jitter, no loss). */
  link?: Partial<LinkSettings>;
  /**
   * Step the broker and clients through their pure fast paths where they have one (default
   * true). The trace is the same either way; false runs every event through xstate, for tests
   * that prove it.
   */
  fastPath?: boolean;
}

/** A world with one broker and the named clients, all in their initial states at time 0. */
export function createMqttWorld(config: MqttWorldConfig): World {
  const clients = config.clients.map((c) => (typeof c === 'string' ? { name: c } : c));
  const fast = config.fastPath ?? true;
  let world = createWorld({
    seed: config.seed ?? 1,
    link: config.link,
    broker: brokerActor(config.broker ?? {}, fast),
    clients: clients.map((c) => ({ name: c.name, ...clientActor(c.name, fast) })),
  });
  for (const c of clients) {
    if (c.link) {
      const cable = world.cables.get(c.name)!;
      world = { ...world, cables: world.cables.set(c.name, { ...cable, ...c.link }) };
    }
  }
  return world;
}

/** The broker as an actor of the world, with its fast path unless `fastPath` is false. */
export function brokerActor(config: BrokerConfig, fastPath = true): ActorDef {
  return {
    machine: brokerMachine,
    input: config,
    view: (s) => brokerView(s as { value: unknown; context: BrokerContext }),
    decoderLimits: (s) => brokerDecoderLimits((s.context as BrokerContext).config),
    ...(fastPath ? { pureStep: brokerPureStep as ActorDef['pureStep'] } : {}),
  };
}

/** A client as an actor of the world, with its fast path unless `fastPath` is false. */
export function clientActor(name: string, fastPath = true): ActorDef {
  return {
    machine: clientMachine,
    input: { name },
    view: (s) => clientView(s as Parameters<typeof clientView>[0]),
    ...(fastPath ? { pureStep: clientPureStep as ActorDef['pureStep'] } : {}),
  };
}

/** A command that hands an application event (connect, publish, ...) to a client. */
export function clientCommand(client: string, event: DistributiveOmit<ClientAppEvent, 'nowMs'>): WorldCommand {
  return { type: 'client.event', client, event: event as ActorEvent };
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
