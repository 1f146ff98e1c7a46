/**
 * Direct actions on a node (a client or the broker), as world commands. The UI offers these in
 * a node's context menu and in the actor inspector; each one becomes `simulation.apply(command)`
 * (or `forkHere(command)` for "what if"). Pure: no Svelte, easy to test.
 */
import type { PacketType, QoS } from '../../core/codec/types.ts';
import type { ClientAppEvent, ConnectOptions } from '../../core/client/index.ts';
import type { ActorEvent, World, WorldCommand } from '../../sim/world.ts';
import { BROKER_NAME as BROKER, nodeState } from '../stage/node-state.ts';

type AppEvent = ClientAppEvent extends infer E ? (E extends unknown ? Omit<E, 'nowMs'> : never) : never;

/** A command handing an application event to a client (as `clientCommand` in src/sim/mqtt-world.ts, without importing the kernel). */
function clientCommand(client: string, event: AppEvent): WorldCommand {
  return { type: 'client.event', client, event: event as ActorEvent };
}

/** The actions a menu offers; those ending in `…` need a small form. */
export type ActionId =
  | 'connect'
  | 'disconnect'
  | 'publish'
  | 'subscribe'
  | 'cable-cut'
  | 'cable-restore'
  | 'crash'
  | 'drop-next'
  | 'restart'
  | 'restart-persistent';

/** The actions that open a form before they run. */
export type FormAction = 'publish' | 'subscribe' | 'drop-next';

/** The same, as a set. */
export const FORM_ACTIONS: ReadonlySet<ActionId> = new Set(['publish', 'subscribe', 'drop-next']);

/** Packet types a learner may drop, in the order the menu lists them. */
export const DROPPABLE: readonly PacketType[] = [
  'publish',
  'puback',
  'pubrec',
  'pubrel',
  'pubcomp',
  'connect',
  'connack',
  'subscribe',
  'suback',
  'pingreq',
  'pingresp',
  'disconnect',
];

export interface PublishForm {
  topic: string;
  /** Text (sent as UTF-8) or bytes (the form's hex mode). */
  payload: string | Uint8Array;
  qos: QoS;
  retain: boolean;
}

export interface SubscribeForm {
  filter: string;
  qos: QoS;
}

export interface DropForm {
  packetType: PacketType;
  /** `down`: to this client; `up`: from this client; `both`. */
  direction: 'up' | 'down' | 'both';
}

/** The actions that make sense for `name` in `world` now, in menu order. */
export function actionsFor(world: World, name: string): ActionId[] {
  if (name === BROKER) return ['restart', 'restart-persistent'];
  const state = nodeState(world.actors.get(name));
  const cableUp = world.cables.get(name)?.up ?? true;
  const out: ActionId[] = [];
  if (state === 'connected' || state === 'connecting') out.push('disconnect');
  else out.push('connect');
  out.push('publish', 'subscribe');
  out.push(cableUp ? 'cable-cut' : 'cable-restore');
  if (state !== 'crashed') out.push('crash');
  out.push('drop-next');
  return out;
}

/** CONNECT options for a manual connect: the client's last ones (a reconnect), else its name as id. */
export function connectOptions(world: World, name: string): ConnectOptions {
  const ctx = world.actors.get(name)?.context as { options?: ConnectOptions | null } | undefined;
  return ctx?.options ?? { clientId: name };
}

const encoder = new TextEncoder();

/** The command for a simple action (no form). */
export function simpleCommand(world: World, name: string, action: ActionId): WorldCommand | null {
  switch (action) {
    case 'connect':
      return clientCommand(name, { type: 'APP.CONNECT', options: connectOptions(world, name) });
    case 'disconnect':
      return clientCommand(name, { type: 'APP.DISCONNECT' });
    case 'cable-cut':
      return { type: 'cable.cut', client: name };
    case 'cable-restore':
      return { type: 'cable.restore', client: name };
    case 'crash':
      return { type: 'client.crash', client: name };
    case 'restart':
      return { type: 'broker.restart', persistence: false };
    case 'restart-persistent':
      return { type: 'broker.restart', persistence: true };
    default:
      return null;
  }
}

export function publishCommand(name: string, form: PublishForm): WorldCommand {
  return clientCommand(name, { type: 'APP.PUBLISH', topic: form.topic, payload: typeof form.payload === 'string' ? encoder.encode(form.payload) : form.payload, qos: form.qos, retain: form.retain });
}

export function subscribeCommand(name: string, form: SubscribeForm): WorldCommand {
  return clientCommand(name, { type: 'APP.SUBSCRIBE', subscriptions: [{ topicFilter: form.filter, qos: form.qos }] });
}

export function dropNextCommand(name: string, form: DropForm): WorldCommand {
  return { type: 'fault.add', rule: { client: name, direction: form.direction, packetType: form.packetType, action: 'drop', remaining: 1 } };
}

/** The message key of each action's label. */
export const ACTION_LABEL_KEYS: Record<ActionId, string> = {
  connect: 'panels.actions.connect',
  disconnect: 'panels.actions.disconnect',
  publish: 'panels.actions.publish',
  subscribe: 'panels.actions.subscribe',
  'cable-cut': 'panels.actions.cableCut',
  'cable-restore': 'panels.actions.cableRestore',
  crash: 'panels.actions.crash',
  'drop-next': 'panels.actions.dropNext',
  restart: 'panels.actions.restart',
  'restart-persistent': 'panels.actions.restartPersistent',
};

/**
 * Why no action can run here, as a message key, or null: with real traffic (live view,
 * recording) the clients and the broker on the stage are a replica fed with the real broker's
 * packets. A direct action (connect, publish, cut a cable, crash, drop a packet, restart) would
 * change only the replica, not the real clients and broker; a "What if … here?" fork would
 * invent a future that they never lived. One reason for all of them, so a view shows it once.
 */
export function actionsUnavailableReason(realTraffic: boolean): string | null {
  return realTraffic ? 'panels.actions.realTraffic' : null;
}

/** True for the actions that need a form. */
export function needsForm(action: ActionId): action is FormAction {
  return FORM_ACTIONS.has(action);
}
