/**
 * The machines a compiled scenario runs on. By default the real broker and client machines
 * (wired as `sim/mqtt-world.ts` wires them); tests may pass other factories (toy actors).
 */
import { brokerMachine, brokerView, type BrokerConfig, type BrokerContext } from '../core/broker/index.ts';
import { clientMachine, clientView } from '../core/client/index.ts';
import type { ActorDef } from '../sim/world.ts';

/** How to make the broker and a client actor. */
export interface ActorFactories {
  broker(config: BrokerConfig): ActorDef;
  client(name: string): ActorDef;
}

/** The real machines of `src/core`. */
export const defaultActors: ActorFactories = {
  broker: (config) => ({ machine: brokerMachine, input: config, view: (s) => brokerView(s as { value: unknown; context: BrokerContext }) }),
  client: (name) => ({ machine: clientMachine, input: { name }, view: (s) => clientView(s as Parameters<typeof clientView>[0]) }),
};
