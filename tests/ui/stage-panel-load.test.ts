/**
 * The stage's drawing is a lazy chunk. While it is on its way the simulation keeps stepping (the
 * world changes), and each change used to start another import; the later ones replaced the
 * stage's view after the drawing had measured its size into the first, so it kept the default
 * 600 × 300 and cut off nodes on a short panel (a 1024 × 768 tablet, most page loads). Now the
 * chunk is loaded once and the drawing keeps the one view it measured into; a chunk that never
 * arrives says so in the panel.
 */
import { render } from '@testing-library/svelte';
import { flushSync } from 'svelte';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { explanationTables, simulationKernel } from '../../src/ui/default-scenario.ts';
import { provideExplanations } from '../../src/ui/format/explain.ts';
import { setupI18n } from '../../src/ui/i18n/bundled.ts';
import StagePanel from '../../src/ui/panels/StagePanel.svelte';
import { provideSimulationKernel } from '../../src/ui/state/simulation.svelte.ts';
import { simulationAt } from './simulation-at.ts';

const views = vi.hoisted(() => ({ created: 0 }));

vi.mock('../../src/ui/stage/zoom.svelte.ts', async (importOriginal) => {
  const zoom = await importOriginal<typeof import('../../src/ui/stage/zoom.svelte.ts')>();
  class CountedView extends zoom.StageView {
    constructor() {
      super();
      views.created++;
    }
  }
  return { ...zoom, StageView: CountedView };
});

const SCENARIO = `client sensor
client dashboard
at 0s sensor connect
at 0s dashboard connect
at 1s end
`;

beforeAll(() => {
  setupI18n('en');
  provideSimulationKernel(simulationKernel);
  provideExplanations(explanationTables);
});

beforeEach(() => {
  views.created = 0;
});

describe('the stage panel loads its drawing', () => {
  it('once, however often the world changes while the chunk is on its way', async () => {
    const simulation = simulationAt(SCENARIO, 0);
    render(StagePanel, { simulation });
    for (let i = 0; i < 5; i++) {
      simulation.stepForward();
      flushSync();
    }
    await vi.waitFor(() => expect(document.querySelector('.stage svg')).not.toBeNull(), { timeout: 10_000 });
    for (let i = 0; i < 3; i++) {
      simulation.stepForward();
      flushSync();
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(views.created).toBe(1);
  });
});
