/**
 * The client inspector's "last close reason" in the UI's language: the client records why a
 * connection ended as a message key (src/core/client/messages.ts), not as English text.
 */
import { render } from '@testing-library/svelte';
import { locale } from 'svelte-i18n';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { setupI18n } from '../../src/ui/i18n/bundled.ts';
import ClientInspector from '../../src/ui/inspector/actor/ClientInspector.svelte';
import type { Simulation } from '../../src/ui/state/simulation.svelte.ts';
import { simulationAt } from './simulation-at.ts';

// The broker goes silent for the sensor: its PINGREQ gets no answer and it gives up.
const SCENARIO = `broker version=5
client sensor
at 0s  sensor connect -i sensor-17 -k 5
at 1s  sensor cable-cut
at 20s end
`;

beforeAll(() => setupI18n('en'));

afterEach(() => locale.set('en'));

function afterKeepAliveTimeout(): Simulation {
  return simulationAt(SCENARIO, 20_000);
}

/** The text next to the "last close reason" term. */
function lastClose(container: HTMLElement, term: string): string | undefined {
  const dt = [...container.querySelectorAll('dt')].find((d) => d.textContent?.trim() === term);
  return dt?.nextElementSibling?.textContent?.trim();
}

describe('client inspector', () => {
  it('says why the connection ended, in English', () => {
    const { container } = render(ClientInspector, { props: { simulation: afterKeepAliveTimeout(), name: 'sensor' } });
    expect(lastClose(container, 'Last close reason')).toBe('keep-alive timeout');
  });

  it('says it in German in the German UI', async () => {
    await locale.set('de');
    const { container } = render(ClientInspector, { props: { simulation: afterKeepAliveTimeout(), name: 'sensor' } });
    expect(lastClose(container, 'Letzter Trennungsgrund')).toBe('Keep Alive abgelaufen (kein PINGRESP)');
  });
});
