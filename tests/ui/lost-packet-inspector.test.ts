/**
 * A lost packet in the inspector says why once: the reason's own words begin with how it was
 * lost ("Lost on purpose: …", „Absichtlich verloren: …“), so the inspector puts nothing in front
 * (it used to read "Lost: lost on purpose: …", „Verloren: absichtlich verloren: …“).
 */
import { render, waitFor } from '@testing-library/svelte';
import { locale } from 'svelte-i18n';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codecMessage, commandText, explanationTables } from '../../src/ui/default-scenario.ts';
import { provideExplanations } from '../../src/ui/format/explain.ts';
import { setupI18n } from '../../src/ui/i18n/bundled.ts';
import InspectorPanel from '../../src/ui/panels/InspectorPanel.svelte';
import { simulationAt } from './simulation-at.ts';

const SCENARIO = `client sensor
client dash
at 0s   sensor connect
at 0s   dash connect
at 0.1s dash subscribe -t hall/temp -q 1
drop next PUBACK to sensor
at 0.5s sensor publish -t hall/temp -m 21.5 -q 1
at 2s end
`;

/** How long the first render may take: InspectorPanel loads PacketInspector with import() (see tls-record.test.ts). */
const RENDER_MS = 15_000;

beforeAll(() => provideExplanations(explanationTables, codecMessage, commandText));
beforeAll(() => import('../../src/ui/inspector/PacketInspector.svelte'), 60_000);
afterAll(() => setupI18n('en'));

async function lostLine(lang: 'en' | 'de'): Promise<string> {
  setupI18n(lang);
  locale.set(lang);
  const simulation = simulationAt(SCENARIO, 2000);
  const drop = simulation.trace.find((e) => e.kind === 'drop' && e.packet?.type === 'puback');
  expect(drop, 'the fault rule drops the PUBACK').toBeDefined();
  simulation.select({ kind: 'entry', seq: drop!.seq });
  const { container, unmount } = render(InspectorPanel, { props: { simulation } });
  await waitFor(() => expect(container.querySelector('.packet .lost')).not.toBeNull(), { timeout: RENDER_MS });
  const text = container.querySelector('.packet .lost')!.textContent ?? '';
  unmount();
  return text.trim();
}

describe('the inspector of a lost packet', () => {
  it('says in English why it was lost, once', { timeout: RENDER_MS + 5_000 }, async () => {
    const text = await lostLine('en');
    expect(text).toMatch(/^Lost on purpose: a fault rule drops this PUBACK\. /);
    expect(text).not.toMatch(/lost:.*lost/i);
  });

  it('says in German why it was lost, once, with a capital after the colon', { timeout: RENDER_MS + 5_000 }, async () => {
    const text = await lostLine('de');
    expect(text).toMatch(/^Absichtlich verloren: Eine Fehlerregel verwirft dieses PUBACK\. /);
    expect(text).not.toMatch(/verloren:.*verloren:/i);
  });
});
