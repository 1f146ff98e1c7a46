/**
 * A checker's message that marks code with backticks ("use `_` or `-` instead", the topic design
 * rule of `expect topics clean`) reads in the goals list with the code set as code, not with the
 * backticks as characters. The run is real (kernel, language, component); the DOM is happy-dom's.
 */
import { render } from '@testing-library/svelte';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { simulationKernel } from '../../src/ui/default-scenario.ts';
import { setupI18n } from '../../src/ui/i18n/bundled.ts';
import CodeText from '../../src/ui/components/CodeText.svelte';
import ExpectationChecklist from '../../src/ui/scenario/ExpectationChecklist.svelte';
import { ScenarioDocument } from '../../src/ui/state/scenario.svelte.ts';
import { Simulation, provideSimulationKernel } from '../../src/ui/state/simulation.svelte.ts';

const TEXT = ['client sensor', 'at 0s sensor connect', 'at 1s sensor publish -t "hall 1/temp" -m 21', 'at 2s end', 'expect topics clean'].join('\n');

const docs: ScenarioDocument[] = [];
beforeAll(() => provideSimulationKernel(simulationKernel));
afterEach(() => {
  for (const d of docs.splice(0)) d.dispose();
  setupI18n('en');
});

describe('messages with code in backticks', () => {
  it('the goals list sets `_` and `-` of the design rule as code, without the backticks', async () => {
    setupI18n('en');
    const scenario = ScenarioDocument.open({ simulation: new Simulation(), storage: null, defaultText: TEXT });
    docs.push(scenario);
    await scenario.start();
    const { container } = render(ExpectationChecklist, { props: { scenario } });
    const item = container.querySelector('li.item')!;
    expect(item.textContent).toContain('Avoid spaces and other whitespace in topics; use _ or - instead.');
    expect(item.textContent).not.toContain('`');
    expect([...item.querySelectorAll('.body code')].map((c) => c.textContent)).toEqual(expect.arrayContaining(['_', '-']));
  });

  it('leaves an unpaired backtick as it is', () => {
    const { container } = render(CodeText, { props: { text: 'a ` alone' } });
    expect(container.textContent).toBe('a ` alone');
    expect(container.querySelectorAll('code').length).toBe(0);
  });
});
