/**
 * The page shown when the app cannot start because a part it needs first (the UI language's
 * messages, or live mode's code) did not load, even after `loadChunk`'s retries. The messages
 * are what failed, so this page cannot know the learner's language from them: it says the same
 * in English and German side by side, and offers "Reload". Its texts live here, in the first
 * bundle, for that reason (the only UI texts outside en.ts / de.ts).
 *
 * Nothing the learner wrote is lost: the scenario text is in localStorage (and a text that came
 * with a link is saved on `pagehide`, before the reload), and so is the progress.
 */

/** The page's texts in both languages (kept short: each language says all of it). */
export const START_FAILURE_TEXT = {
  en: {
    title: 'MQTT Lab could not start',
    body: 'A part of the app could not be loaded, perhaps because the connection dropped. Nothing you wrote is lost: your scenario and your progress are kept in this browser. Reload the page to try again.',
  },
  de: {
    title: 'MQTT Lab konnte nicht starten',
    body: 'Ein Teil der App ließ sich nicht laden, vielleicht weil die Verbindung abgebrochen ist. Nichts, was du geschrieben hast, geht verloren: Dein Szenario und dein Fortschritt bleiben in diesem Browser gespeichert. Lade die Seite neu, um es noch einmal zu versuchen.',
  },
  reload: 'Reload / Neu laden',
} as const;

const STYLE = `
.start-failure { max-width: 52rem; margin: 3rem auto; padding: 0 1.5rem; font: 1rem/1.5 system-ui, sans-serif; color: var(--text, #1b1f24); }
.start-failure .languages { display: grid; grid-template-columns: repeat(auto-fit, minmax(16rem, 1fr)); gap: 1.5rem; }
.start-failure h1 { font-size: 1.25rem; margin: 0 0 0.5rem; }
.start-failure p { margin: 0; }
.start-failure button { margin-top: 1.5rem; padding: 0.5rem 1.25rem; font: inherit; font-weight: 600; border-radius: 6px; border: 1px solid #1f63c6; background: #1f63c6; color: #fff; cursor: pointer; }
.start-failure button:focus-visible { outline: 3px solid #8ab4f8; outline-offset: 2px; }
`;

/** Replace `target`'s content with the two-language message and its Reload button (focused). */
export function showStartFailure(target: HTMLElement, reload: () => void = () => window.location.reload()): void {
  const doc = target.ownerDocument;
  const style = doc.createElement('style');
  style.textContent = STYLE;
  const root = doc.createElement('div');
  root.className = 'start-failure';
  root.setAttribute('role', 'alert');
  const languages = doc.createElement('div');
  languages.className = 'languages';
  for (const lang of ['en', 'de'] as const) {
    const section = doc.createElement('section');
    section.lang = lang;
    const title = doc.createElement('h1');
    title.textContent = START_FAILURE_TEXT[lang].title;
    const body = doc.createElement('p');
    body.textContent = START_FAILURE_TEXT[lang].body;
    section.append(title, body);
    languages.append(section);
  }
  const button = doc.createElement('button');
  button.type = 'button';
  button.textContent = START_FAILURE_TEXT.reload;
  button.addEventListener('click', reload);
  root.append(languages, button);
  target.replaceChildren(style, root);
  button.focus();
}
