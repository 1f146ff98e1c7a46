/**
 * The fleet benchmark's workload as a simulated world (fleet.ts): sensors that connect and
 * publish QoS 1 once a second, dashboards that connect and subscribe with wildcards. Free of
 * node APIs, so tests/sim/fast-path.test.ts runs a small fleet with and without fast paths.
 */
import { clientCommand, createMqttWorld } from '../../sim/mqtt-world.ts';
import { schedule, scheduleAll, type World, type WorldCommand } from '../../sim/world.ts';

export const DASHBOARD_FILTERS = ['plant/+/+/temperature', 'plant/#', 'plant/hall1/#', 'plant/+/line1/+', '+/+/+/humidity'];

export function sensorTopic(i: number): string {
  const hall = (i % 10) + 1;
  const line = (Math.floor(i / 10) % 10) + 1;
  return `plant/hall${hall}/line${line}/${i % 2 === 0 ? 'temperature' : 'humidity'}`;
}

/** Every client's connect, the dashboards' subscriptions and every publish, scheduled. */
export function fleetWorld({ sensors: count, seconds, fastPath = true }: { sensors: number; seconds: number; fastPath?: boolean }): World {
  const sensors = Array.from({ length: count }, (_, i) => `s${i}`);
  const dashboards = DASHBOARD_FILTERS.map((_, i) => `dash${i}`);
  // No in-flight window towards a client (max_inflight_messages 0), as aedes, the anchor, has
  // none: with Mosquitto's 20, a dashboard on `plant/#` takes at most 20 messages a round trip
  // and at 10,000 sensors still lags far behind when the publishing ends.
  let w = createMqttWorld({ seed: 1, broker: { sysIntervalSec: 0, maxQueuedMessages: 0, maxInflightMessages: 0 }, clients: [...sensors, ...dashboards], fastPath });
  dashboards.forEach((d, i) => {
    w = schedule(w, 0, clientCommand(d, { type: 'APP.CONNECT', options: { clientId: d, keepAliveSec: 60 } }));
    w = schedule(w, 200, clientCommand(d, { type: 'APP.SUBSCRIBE', subscriptions: [{ topicFilter: DASHBOARD_FILTERS[i]!, qos: 1 }] }));
  });
  const payload = new TextEncoder().encode('21.5');
  const commands: Array<[number, WorldCommand]> = [];
  sensors.forEach((s, i) => {
    commands.push([0, clientCommand(s, { type: 'APP.CONNECT', options: { clientId: s, keepAliveSec: 60 } })]);
    // One command, scheduled every second: a world never changes a command, and 600,000 copies
    // of it (10,000 sensors × 60 s) held about 150 MB, all alive from the start.
    const publish = clientCommand(s, { type: 'APP.PUBLISH', topic: sensorTopic(i), payload, qos: 1, retain: false });
    for (let t = 1; t <= seconds; t++) commands.push([t * 1000 + (i % 1000), publish]);
  });
  w = scheduleAll(w, commands);
  return w;
}
