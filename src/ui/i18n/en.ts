/**
 * English UI strings: the reference locale. Every other locale has exactly these keys
 * (`Messages` below makes the compiler check that; tests/ui/i18n-messages.test.ts checks it again
 * at run time, together with "no empty strings").
 *
 * Keys are grouped by the part of the screen that shows them. Placeholders use ICU syntax
 * (`{name}`), formatted by svelte-i18n.
 *
 * Accessible names of the transport buttons are a contract for tests and assistive tech:
 * keep "Reset", "Step back", "Play", "Pause", "Step forward" exactly as they are.
 */
export const en = {
  app: {
    title: 'MQTT Lab',
    tagline: 'See MQTT packets, step by step',
    skipToMain: 'Skip to the sandbox',
  },
  preferences: {
    language: 'Language',
    theme: 'Theme',
    themeLight: 'Light',
    themeDark: 'Dark',
    themeSystem: 'System',
  },
  panels: {
    stage: {
      title: 'Topology',
      empty: 'No scenario loaded yet — the broker and its clients will appear here',
      broker: 'Broker',
      client: 'Client',
      diagramLabel: 'Network diagram: the broker in the middle, its clients around it',
    },
    sequence: {
      title: 'Sequence diagram',
      empty: 'Packets between the broker and its clients will appear here as arrows along time',
    },
    inspector: {
      title: 'Inspector',
      empty: 'Select a packet to see its fields and bytes',
    },
    editor: {
      title: 'Editor',
      tabScenario: 'Scenario',
      tabLesson: 'Lesson',
      emptyScenario: 'No scenario yet. Here you will write clients, commands and expectations, one per line.',
      emptyLesson: 'No lesson open. A lesson guides you step by step and checks your solution.',
    },
  },
  transport: {
    title: 'Transport',
    reset: 'Reset',
    stepBack: 'Step back',
    play: 'Play',
    pause: 'Pause',
    stepForward: 'Step forward',
    speed: 'Speed',
    scrubber: 'Timeline',
    clock: 'Virtual time',
    idle: 'Load a scenario to start',
  },
};

/** The shape every locale must have: the same keys as English, with string values. */
export type Messages = DeepStrings<typeof en>;

type DeepStrings<T> = { [K in keyof T]: T[K] extends string ? string : DeepStrings<T[K]> };
