/**
 * The broker inspector: a persistent session's expiry time and its delayed will's due time,
 * written as the rest of the UI writes virtual time in each language.
 */
import { render } from '@testing-library/svelte';
import { locale } from 'svelte-i18n';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { setupI18n } from '../../src/ui/i18n/bundled.ts';
import BrokerInspector from '../../src/ui/inspector/broker/BrokerInspector.svelte';
import type { Simulation } from '../../src/ui/state/simulation.svelte.ts';
import { simulationAt } from './simulation-at.ts';

const SCENARIO = `broker version=5
client sensor
at 0s  sensor connect -i sensor-17 -k 10 -x 60 --will-topic plant/s17/status --will-payload offline -D will will-delay-interval 30
at 5s  sensor cable-cut
at 40s end
`;

beforeAll(() => setupI18n('en'));

afterEach(() => locale.set('en'));

/** The broker's view after the broker gave up on the silent sensor (its session now expires). */
function brokerAfterCableCut(): Simulation {
  return simulationAt(SCENARIO, 20_000);
}

describe('broker inspector', () => {
  it('writes the session expiry and the will time with a decimal comma in German', async () => {
    await locale.set('de');
    const { container } = render(BrokerInspector, { props: { world: brokerAfterCableCut().world } });
    const session = container.querySelector('[data-session="sensor-17"]')!.textContent!;
    expect(session).toContain('läuft um 75,060 s ab');
    expect(session).toContain('Testament auf plant/s17/status → 45,060 s');
    expect(session).not.toMatch(/\d\.\d{3}s/);
  });

  it('writes English times as the rest of the English UI does (a space before the unit)', () => {
    const { container } = render(BrokerInspector, { props: { world: brokerAfterCableCut().world } });
    const session = container.querySelector('[data-session="sensor-17"]')!.textContent!;
    expect(session).toContain('expires at 75.060 s');
    expect(session).toContain('Will on plant/s17/status → 45.060 s');
  });
});
