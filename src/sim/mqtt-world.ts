/**
 * The headless API for tests, lessons and the UI: a world with the real MQTT broker and
 * clients. `createMqttWorld` wires the machines of `core/broker` and `core/client` into the
 * generic world; everything else (stepping, running, history) is in `world.ts`, `run.ts` and
 * `history.ts`.
 */
import { brokerMachine, brokerView, type BrokerConfig, type BrokerContext } from '../core/broker/index.ts';
import { clientMachine, clientView, type ClientAppEvent } from '../core/client/index.ts';
import { createWorld, type ActorEvent, type LinkSettings, type World, type WorldCommand } from './world.ts';

export interface MqttWorldConfig {
  seed?: number;
  broker?: BrokerConfig;
  clients: ReadonlyArray<string | { name: string; link?: Partial<LinkSettings> }>;
  /** Default link for every client (20 ms latency, no jitter, no loss). */
  link?: Partial<LinkSettings>;
}

/** A world with one broker and the named clients, all in their initial states at time 0. */
export function createMqttWorld(config: MqttWorldConfig): World {
  const clients = config.clients.map((c) => (typeof c === 'string' ? { name: c } : c));
  let world = createWorld({
    seed: config.seed ?? 1,
    link: config.link,
    broker: { machine: brokerMachine, input: config.broker ?? {}, view: (s) => brokerView(s as { value: unknown; context: BrokerContext }) },
    clients: clients.map((c) => ({ name: c.name, machine: clientMachine, input: { name: c.name }, view: (s) => clientView(s as Parameters<typeof clientView>[0]) })),
  });
  for (const c of clients) {
    if (c.link) {
      const cable = world.cables.get(c.name)!;
      world = { ...world, cables: world.cables.set(c.name, { ...cable, ...c.link }) };
    }
  }
  return world;
}

/** A command that hands an application event (connect, publish, ...) to a client. */
export function clientCommand(client: string, event: DistributiveOmit<ClientAppEvent, 'nowMs'>): WorldCommand {
  return { type: 'client.event', client, event: event as ActorEvent };
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
