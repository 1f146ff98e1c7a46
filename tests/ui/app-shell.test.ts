import { fireEvent, screen, within } from '@testing-library/svelte';
import { tick } from 'svelte';
import { describe, expect, it, onTestFinished } from 'vitest';
import { LOCALE_KEY, PROJECTOR_KEY, THEME_KEY } from '../../src/ui/state/preference-keys.ts';
import { renderApp } from './render-app.ts';

const TRANSPORT_EN = ['Reset', 'Step back', 'Play', 'Step forward'];
const TRANSPORT_DE = ['Zurücksetzen', 'Schritt zurück', 'Abspielen', 'Schritt vor'];

describe('app shell', () => {
  it('renders the five regions with English names and translated text on first render', () => {
    renderApp(['en-US']);
    for (const name of ['Topology', 'Sequence diagram', 'Inspector', 'Editor', 'Transport']) {
      expect(screen.getByRole('region', { name })).toBeTruthy();
    }
    expect(screen.getByText('Select a packet to see its fields and bytes')).toBeTruthy();
    expect(document.body.textContent).not.toMatch(/panels\.|transport\.|preferences\./);
  });

  it('shows the transport disabled, with exact English accessible names', () => {
    renderApp();
    for (const name of TRANSPORT_EN) {
      const button = screen.getByRole('button', { name }) as HTMLButtonElement;
      expect(button.disabled).toBe(true);
    }
    expect(screen.getByRole('timer').textContent).toBe('0.000 s');
  });

  it('switching the language to German relabels the transport and remembers the choice', async () => {
    renderApp();
    await fireEvent.change(screen.getByLabelText('Language'), { target: { value: 'de' } });
    for (const name of TRANSPORT_DE) expect(screen.getByRole('button', { name })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Play' })).toBeNull();
    expect(screen.getByRole('region', { name: 'Sequenzdiagramm' })).toBeTruthy();
    expect(screen.getByRole('timer').textContent).toBe('0,000 s');
    expect(document.documentElement.lang).toBe('de');
    expect(localStorage.getItem(LOCALE_KEY)).toBe('de');
  });

  it('starts in German when the browser prefers German and nothing is stored', () => {
    renderApp(['de-DE', 'en']);
    expect(screen.getByRole('button', { name: 'Abspielen' })).toBeTruthy();
  });

  it('switching the theme sets data-theme on <html> and remembers it', async () => {
    const { preferences } = renderApp();
    expect(document.documentElement.dataset.theme).toBe('system');
    await fireEvent.change(screen.getByLabelText('Theme'), { target: { value: 'dark' } });
    expect(document.documentElement.dataset.theme).toBe('dark');
    expect(preferences.resolvedTheme).toBe('dark');
    expect(localStorage.getItem(THEME_KEY)).toBe('dark');
  });

  it('the projector toggle sets data-projector on <html>, remembers it, and says it is pressed', async () => {
    const { preferences } = renderApp();
    const toggle = screen.getByRole('button', { name: 'Projector' });
    expect(toggle.getAttribute('aria-pressed')).toBe('false');
    await fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-pressed')).toBe('true');
    expect(document.documentElement.dataset.projector).toBe('on');
    expect(localStorage.getItem(PROJECTOR_KEY)).toBe('on');
    preferences.setProjector(false);
    expect(document.documentElement.dataset.projector).toBeUndefined();
    expect(localStorage.getItem(PROJECTOR_KEY)).toBe('off');
  });

  it('the view bar (narrow screens) shows one panel and keeps the editor tabs in step', async () => {
    // happy-dom's window is 1024 px wide, the landscape tablet's two columns: a phone here.
    const { happyDOM } = window as unknown as { happyDOM: { setViewport(v: { width: number; height: number }): void } };
    happyDOM.setViewport({ width: 800, height: 900 });
    onTestFinished(() => happyDOM.setViewport({ width: 1024, height: 768 }));
    const { workspace, container } = renderApp();
    const views = screen.getByRole('navigation', { name: 'Views' });
    const main = container.querySelector('main')!;
    expect(main.dataset.area).toBe('stage');
    await fireEvent.click(within(views).getByRole('button', { name: 'Lesson' }));
    expect(main.dataset.area).toBe('editor');
    expect(screen.getByRole('tab', { name: 'Lesson' }).getAttribute('aria-selected')).toBe('true');
    expect(within(views).getByRole('button', { name: 'Lesson' }).getAttribute('aria-current')).toBe('true');
    // The app opening the Scenario tab (an exercise starts) moves the bar with it.
    workspace.openEditorTab('scenario');
    await tick();
    expect(within(views).getByRole('button', { name: 'Scenario' }).getAttribute('aria-current')).toBe('true');
    await fireEvent.click(within(views).getByRole('button', { name: 'Topology' }));
    expect(main.dataset.area).toBe('stage');
    expect(within(views).getByRole('button', { name: 'Lesson' }).getAttribute('aria-current')).toBeNull();
  });

  it('the editor tabs follow the tabs pattern (arrow keys move the selection)', async () => {
    renderApp();
    const scenario = screen.getByRole('tab', { name: 'Scenario' });
    expect(scenario.getAttribute('aria-selected')).toBe('true');
    await fireEvent.keyDown(scenario, { key: 'ArrowRight' });
    const lesson = screen.getByRole('tab', { name: 'Lesson' });
    expect(lesson.getAttribute('aria-selected')).toBe('true');
    expect(document.activeElement).toBe(lesson);
    expect(screen.getByRole('tabpanel', { name: 'Lesson' })).toBeTruthy();
  });
});
