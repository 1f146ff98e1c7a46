/**
 * From sandbox to device: one scenario client as a program for a real broker (issue "Out of the
 * sandbox", part 4). Targets: `mosquitto_pub`/`mosquitto_sub` command lines, an mqtt.js program
 * (Node), a Python program with paho-mqtt 1.6, and an Arduino sketch for ESP32/ESP8266 with
 * PubSubClient.
 *
 * Theory of operation
 * -------------------
 * The input is the parsed scenario (`Scenario`): the client's timed steps are already typed
 * (`connect` with its options, `publish`, `subscribe`, `unsubscribe`, `disconnect`, faults). Each
 * generator writes them in its target's words, at the same times counted from the program's
 * start. What a target cannot express is never dropped silently: it becomes a comment in the
 * generated text at that place, and is listed in `unsupported` (the UI shows the list beside the
 * preview). Every string from the scenario is escaped for the target language, so a topic or
 * payload can never break out of its literal. Pure: text in, text out.
 */
import type { Scenario } from '../ast.ts';
import { ARDUINO_TARGET } from './device-arduino.ts';
import { CLI_TARGET } from './device-cli.ts';
import { MQTTJS_TARGET } from './device-mqttjs.ts';
import { clientSteps, commentSafe, type Generator } from './device-helpers.ts';
import { deviceNotes, type NoteLang } from './device-notes.ts';
import { PYTHON_TARGET } from './device-python.ts';

export { clientSteps, type ClientStep } from './device-helpers.ts';

export type DeviceTarget = 'mosquitto-cli' | 'mqttjs' | 'python' | 'arduino';

/** The targets in menu order. */
export const DEVICE_TARGETS: readonly DeviceTarget[] = ['mosquitto-cli', 'mqttjs', 'python', 'arduino'];

export interface DeviceExportOptions {
  /** The broker's host name or address written into the program (default 127.0.0.1). */
  host?: string;
  /** The broker's port (default 1883). */
  port?: number;
  /** The language of the comments and notes (default English); code stays code. */
  language?: NoteLang;
}

export interface DeviceExport {
  target: DeviceTarget;
  /** A file name for the download, e.g. `sensor.py`. */
  fileName: string;
  text: string;
  /** Each option or step the target cannot express (also a comment in `text`). */
  unsupported: string[];
}

const GENERATORS: Record<DeviceTarget, Generator> = {
  'mosquitto-cli': CLI_TARGET,
  mqttjs: MQTTJS_TARGET,
  python: PYTHON_TARGET,
  arduino: ARDUINO_TARGET,
};

/** The client `client` of `scenario` as a program for `target`. */
export function exportClient(scenario: Scenario, client: string, target: DeviceTarget, options: DeviceExportOptions = {}): DeviceExport {
  const unsupported: string[] = [];
  const gen = GENERATORS[target];
  const notes = deviceNotes(options.language ?? 'en');
  const text = gen.generate({
    client,
    steps: clientSteps(scenario, client),
    host: options.host ?? '127.0.0.1',
    port: options.port ?? 1883,
    notes,
    unsupported: (what) => {
      unsupported.push(what);
      return commentSafe(notes.notExpressible(what));
    },
  });
  return { target, fileName: `${safeFileName(client)}${gen.extension}`, text, unsupported };
}

function safeFileName(name: string): string {
  const cleaned = name.replace(/[^A-Za-z0-9_-]+/g, '_');
  return cleaned === '' ? 'client' : cleaned;
}
