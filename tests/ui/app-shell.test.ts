import { fireEvent, screen } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import { LOCALE_KEY, THEME_KEY } from '../../src/ui/state/preference-keys.ts';
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
