/**
 * Worlds for the stage harness (browser tests and the frame-time bench): a small demo with a
 * will on a pulled cable, and a crowded one with many clients and packets on the wire.
 */
import { clientCommand, createMqttWorld } from '../../../sim/mqtt-world.ts';
import { schedule, type World, type WorldCommand } from '../../../sim/world.ts';

const text = (s: string) => new TextEncoder().encode(s);

function plan(world: World, commands: Array<[number, WorldCommand]>): World {
  return commands.reduce((w, [at, c]) => schedule(w, at, c), world);
}

/** A sensor with a will, a dashboard subscribed with a wildcard, a QoS 1 publish, a pulled cable. */
export function demoWorld(): World {
  const world = createMqttWorld({ seed: 1, broker: { sysIntervalSec: 0 }, clients: ['sensor', 'dashboard', 'thermostat'], link: { latencyMs: 40 } });
  return plan(world, [
    [0, clientCommand('sensor', { type: 'APP.CONNECT', options: { clientId: 'sensor', keepAliveSec: 10, will: { topic: 'plant/sensor/status', payload: text('offline'), qos: 1, retain: true } } })],
    [0, clientCommand('dashboard', { type: 'APP.CONNECT', options: { clientId: 'dashboard', clean: false } })],
    [150, clientCommand('dashboard', { type: 'APP.SUBSCRIBE', subscriptions: [{ topicFilter: 'plant/+/status', qos: 1 }, { topicFilter: 'plant/#', qos: 2 }] })],
    [1000, clientCommand('sensor', { type: 'APP.PUBLISH', topic: 'plant/sensor/status', payload: text('online'), qos: 1, retain: true })],
    [1500, clientCommand('sensor', { type: 'APP.PUBLISH', topic: 'plant/sensor/temp', payload: text('21.5'), qos: 2, retain: false })],
    [5000, { type: 'cable.cut', client: 'sensor' }],
  ]);
}

/**
 * `clients` clients, all connected by 1 s, then each publishes QoS 0 messages on a slow link
 * (2 s latency) so that `packets` are on the wire at `CROWD_FLYING_FROM_MS`.
 */
export function crowdWorld(clients: number, packets: number): World {
  const names = Array.from({ length: clients }, (_unused, i) => `client-${String(i + 1).padStart(2, '0')}`);
  let world = createMqttWorld({ seed: 7, broker: { sysIntervalSec: 0 }, clients: names, link: { latencyMs: 20 } });
  const commands: Array<[number, WorldCommand]> = [];
  names.forEach((name, i) => commands.push([i * 5, clientCommand(name, { type: 'APP.CONNECT', options: { clientId: name, keepAliveSec: 0 } })]));
  names.forEach((name) => commands.push([800, { type: 'link.set', client: name, settings: { latencyMs: 2000 } }]));
  for (let k = 0; k < packets; k++) {
    const name = names[k % names.length]!;
    commands.push([1000 + k * spacingMs(packets), clientCommand(name, { type: 'APP.PUBLISH', topic: `fleet/${name}/t`, payload: text(String(k)), qos: 0, retain: false })]);
  }
  world = plan(world, commands);
  return world;
}

/**
 * A fleet of `clients`: sensors `sensor-001` … (all but five), three dashboards, a gateway and
 * an alarm, all connected by 1 s; then sensors publish QoS 0 messages on a slow link (2 s
 * latency) so that `packets` are on the wire at `crowdFlyingFromMs(packets)`. Grouped on the
 * stage as "sensor × N", "dashboard × 3", gateway, alarm.
 */
export function fleetWorld(clients: number, packets: number): World {
  const sensors = Array.from({ length: Math.max(1, clients - 5) }, (_unused, i) => `sensor-${String(i + 1).padStart(3, '0')}`);
  const names = [...sensors, 'dashboard-1', 'dashboard-2', 'dashboard-3', 'gateway', 'alarm'].slice(0, Math.max(clients, 1));
  const world = createMqttWorld({ seed: 11, broker: { sysIntervalSec: 0 }, clients: names, link: { latencyMs: 20 } });
  const commands: Array<[number, WorldCommand]> = [];
  names.forEach((name, i) => commands.push([Math.floor((i * 600) / names.length), clientCommand(name, { type: 'APP.CONNECT', options: { clientId: name, keepAliveSec: 0 } })]));
  names.forEach((name) => commands.push([800, { type: 'link.set', client: name, settings: { latencyMs: 2000 } }]));
  for (let k = 0; k < packets; k++) {
    const name = sensors[k % sensors.length]!;
    commands.push([1000 + k * spacingMs(packets), clientCommand(name, { type: 'APP.PUBLISH', topic: `fleet/${name}/t`, payload: text(String(k)), qos: 0, retain: false })]);
  }
  return plan(world, commands);
}

/** Time between two publishes: all of them leave within 1.5 s, before the first arrives. */
function spacingMs(packets: number): number {
  return packets > 400 ? 1 : 3;
}

/** When every packet of `crowdWorld(_, packets)` or `fleetWorld` has been sent and none has arrived yet. */
export function crowdFlyingFromMs(packets: number): number {
  return 1000 + packets * spacingMs(packets) + 1;
}
