/**
 * The machines a compiled scenario runs on. By default the real broker and client machines,
 * wired as `sim/mqtt-world.ts` wires them, with their pure fast paths (the same trace as
 * xstate alone, see tests/sim/fast-path.test.ts); tests may pass other factories (toy actors).
 */
import type { BrokerConfig } from '../core/broker/index.ts';
import { brokerActor, clientActor } from '../sim/mqtt-world.ts';
import type { ActorDef } from '../sim/world.ts';

/** How to make the broker and a client actor. */
export interface ActorFactories {
  broker(config: BrokerConfig): ActorDef;
  client(name: string): ActorDef;
}

/** The real machines of `src/core`, stepped through their fast paths. */
export const defaultActors: ActorFactories = {
  broker: (config) => brokerActor(config),
  client: (name) => clientActor(name),
};
