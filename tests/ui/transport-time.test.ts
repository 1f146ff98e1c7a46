/**
 * Honest time (issue 14): the transport says when its clock runs slower (packets in flight) or
 * faster (a quiet stretch) than real time, and "real time" plays one virtual second per second.
 */
import { describe, expect, it } from 'vitest';
import { Transport } from '../../src/ui/state/transport.svelte.ts';
import { simulationAt } from './simulation-at.ts';

const TEXT = `broker
client sensor
at 0s sensor connect -k 60
at 5s sensor publish -t t -m 1
`;
const frames = { request: () => 0, cancel: () => {} };

describe('honest time', () => {
  it('names slow motion while a packet flies and fast forward in a quiet stretch', () => {
    const transport = new Transport(simulationAt(TEXT, 0), frames);
    transport.simulation.seekTime(50); // CONNECT on the wire (sent at 40 ms)
    expect(transport.pace).toBe('slow');
    transport.simulation.seekTime(2000); // nothing happens until 5 s
    expect(transport.pace).toBe('fast');
  });

  it('plays one virtual second per wall second in real time, packets or not', () => {
    const transport = new Transport(simulationAt(TEXT, 0), frames);
    transport.setRealTime();
    expect(transport.pace).toBe('real');
    transport.advanceBy(40);
    expect(transport.simulation.displayMs).toBeCloseTo(40);
    transport.advanceBy(3000);
    expect(transport.simulation.displayMs).toBeCloseTo(3040);
    transport.setSpeed(1);
    expect(transport.realTime).toBe(false);
  });
});
