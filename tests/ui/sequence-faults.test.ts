/**
 * Where the sequence diagram puts a fault rule (drop, duplicate or delay the next packets): in
 * the column of the client whose link it acts on, not the broker's (its entry is a command for
 * no actor); hiding that client hides its rules.
 */
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/scenario/index.ts';
import { commandText } from '../../src/sim/command-text.ts';
import { buildSequence } from '../../src/ui/sequence/model.ts';

const SCENARIO = `client sensor
client dash
at 0s     sensor connect
at 0s     dash connect
at 100ms  dash subscribe -t a/b -q 1
at 200ms  drop next PUBACK to sensor
at 300ms  delay next PUBLISH from sensor by 300ms
at 400ms  drop next 2 ANY on dash
at 500ms  sensor publish -t a/b -m x -q 1
at 3s     end
`;

describe('fault rules in the sequence diagram', () => {
  const { trace } = runScenario(SCENARIO);

  it('stand in the column of the client whose link they act on, in either language', () => {
    const model = buildSequence(trace, ['broker', 'sensor', 'dash'], { filter: 'all' });
    expect(model.lanes).toEqual(['sensor', 'broker', 'dash']);
    const rows = model.rows.flatMap((e, row) => (e.kind === 'command' ? [[commandText(e, 'en'), commandText(e, 'de'), model.lanes[model.rowLane[row]!]]] : []));
    expect(rows.filter(([en]) => !/connects|subscribes|publishes/.test(en!))).toEqual([
      ['Lose the next PUBACK from the broker to sensor', 'Das nächste PUBACK vom Broker zu sensor geht verloren', 'sensor'],
      ['Delay the next PUBLISH from sensor to the broker by 300 ms', 'Das nächste PUBLISH von sensor zum Broker wird um 300 ms verzögert', 'sensor'],
      ['Lose the next 2 packets between dash and the broker', 'Die nächsten 2 Pakete zwischen dash und dem Broker gehen verloren', 'dash'],
    ]);
  });

  it('go with their client when its lifeline is hidden', () => {
    const model = buildSequence(trace, ['broker', 'sensor', 'dash'], { filter: 'all', hidden: ['sensor'] });
    const faults = model.rows.filter((e) => e.command?.key === 'fault').map((e) => e.command?.params?.client);
    expect(faults).toEqual(['dash']);
  });
});
