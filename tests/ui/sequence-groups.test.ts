/**
 * The sequence diagram of a crowd: one column per closed group of clients, every packet of a
 * member drawn from or to that column; an open group has one column per member again.
 */
import { describe, expect, it } from 'vitest';
import { Timeline } from '../../src/sim/history.ts';
import { clientCommand, createMqttWorld } from '../../src/sim/mqtt-world.ts';
import { schedule } from '../../src/sim/world.ts';
import { groupClients, itemKeyOf } from '../../src/ui/client-groups.ts';
import { buildSequence } from '../../src/ui/sequence/model.ts';

const sensors = Array.from({ length: 40 }, (_u, i) => `sensor-${String(i + 1).padStart(2, '0')}`);
const names = [...sensors, 'dashboard'];

function run(): Timeline {
  let world = createMqttWorld({ seed: 3, broker: { sysIntervalSec: 0 }, clients: names });
  names.forEach((name, i) => (world = schedule(world, i, clientCommand(name, { type: 'APP.CONNECT', options: { clientId: name, keepAliveSec: 0 } }))));
  const t = new Timeline(world);
  t.forwardUntil(Number.POSITIVE_INFINITY, 5000);
  return t;
}

describe('sequence diagram of a crowd', () => {
  const t = run();
  const grouping = groupClients(names);

  it('draws a closed group as one column that every member packet starts or ends at', () => {
    const model = buildSequence(t.trace, ['broker', ...names], {
      laneOf: (a) => itemKeyOf(a, grouping, new Set()),
      laneLabel: (lane) => (lane === 'group:sensor' ? 'sensor × 40' : lane),
    });
    expect(model.lanes).toEqual(['group:sensor', 'broker', 'dashboard']);
    expect(model.laneLabels).toEqual(['sensor × 40', 'broker', 'dashboard']);
    const connects = model.arrows.filter((a) => a.packetType === 'connect');
    expect(connects).toHaveLength(41);
    expect(connects.filter((a) => a.from === 0)).toHaveLength(40);
    expect(model.arrows.filter((a) => a.packetType === 'connack' && a.to === 0)).toHaveLength(40);
  });

  it('gives each member its own column again when the group is open', () => {
    const model = buildSequence(t.trace, ['broker', ...names], { laneOf: (a) => itemKeyOf(a, grouping, new Set(['group:sensor'])) });
    expect(model.lanes).toHaveLength(42);
    expect(model.laneLabels).toEqual(model.lanes);
  });
});
