/**
 * The machines a compiled scenario runs on. By default the real broker and client machines;
 * tests may pass other actor factories (e.g. toy actors) through `ActorFactories`.
 */
import { brokerMachine } from '../core/broker/broker.machine.ts';
import type { BrokerConfig } from '../core/broker/config.ts';
import { clientMachine, clientView } from '../core/client/index.ts';
import type { ActorDef } from '../sim/world.ts';

/** How to make the broker and a client actor. */
export interface ActorFactories {
  broker(config: BrokerConfig): ActorDef;
  client(name: string): ActorDef;
}

/** The real machines of `src/core`. */
export const defaultActors: ActorFactories = {
  broker: (config) => ({ machine: brokerMachine, input: config }),
  client: (name) => ({ machine: clientMachine, input: { name }, view: (s) => clientView(s as Parameters<typeof clientView>[0]) }),
};
