import type { Messages } from './en.ts';

/** German UI strings (du-Form, wie in Lernsoftware für Schule und Ausbildung üblich). */
export const de: Messages = {
  app: {
    title: 'MQTT Lab',
    tagline: 'MQTT-Pakete sehen, Schritt für Schritt',
    skipToMain: 'Zur Sandbox springen',
  },
  preferences: {
    language: 'Sprache',
    theme: 'Farbschema',
    themeLight: 'Hell',
    themeDark: 'Dunkel',
    themeSystem: 'System',
  },
  panels: {
    stage: {
      title: 'Topologie',
      empty: 'Noch kein Szenario geladen – der Broker und seine Clients erscheinen hier',
      broker: 'Broker',
      client: 'Client',
      diagramLabel: 'Netzwerkdiagramm: der Broker in der Mitte, seine Clients ringsum',
    },
    sequence: {
      title: 'Sequenzdiagramm',
      empty: 'Pakete zwischen dem Broker und seinen Clients erscheinen hier als Pfeile entlang der Zeit',
    },
    inspector: {
      title: 'Inspektor',
      empty: 'Wähle ein Paket aus, um seine Felder und Bytes zu sehen',
    },
    editor: {
      title: 'Editor',
      tabScenario: 'Szenario',
      tabLesson: 'Lektion',
      emptyScenario: 'Noch kein Szenario. Hier schreibst du Clients, Befehle und Erwartungen, eine pro Zeile.',
      emptyLesson: 'Keine Lektion geöffnet. Eine Lektion führt dich Schritt für Schritt und prüft deine Lösung.',
    },
  },
  transport: {
    title: 'Wiedergabesteuerung',
    reset: 'Zurücksetzen',
    stepBack: 'Schritt zurück',
    play: 'Abspielen',
    pause: 'Pause',
    stepForward: 'Schritt vor',
    speed: 'Geschwindigkeit',
    scrubber: 'Zeitleiste',
    clock: 'Virtuelle Zeit',
    idle: 'Lade ein Szenario, um zu starten',
  },
};
