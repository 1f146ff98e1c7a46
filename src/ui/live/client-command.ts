/**
 * The in-app client's commands are the scenario language's client commands, with the same
 * options (`connect -i sensor-1 -k 30 --will-topic …`, `subscribe -t 'hall/#' -q 1`,
 * `publish -t hall/temp -m 21.5 -q 1 -r`, `unsubscribe -t …`, `disconnect`): what a learner typed
 * in a scenario works on a real broker, and the other way round. Parsed and compiled by the
 * scenario language itself, so its diagnostics (with the column, in both languages) apply.
 */
import { compileScenario, parseScenario } from '../../scenario/index.ts';

export type ClientCommand =
  | { ok: true; event: { type: string } & Record<string, unknown> }
  /** `column` and the scenario language's message (both languages); none for an unknown verb. */
  | { ok: false; column: number; message?: string; messageDe?: string };

const VERBS = new Set(['connect', 'publish', 'subscribe', 'unsubscribe', 'disconnect']);

/** One command line for the client `name` (a scenario client name). */
export function clientCommand(name: string, line: string): ClientCommand {
  const verb = line.trim().split(/\s+/)[0] ?? '';
  if (!VERBS.has(verb)) {
    return { ok: false, column: 1 };
  }
  const prefix = `${name} `;
  const parsed = parseScenario(`client ${name}\n${prefix}${line.trim()}\n`);
  const error = parsed.diagnostics.find((d) => d.severity === 'error');
  if (error) {
    const column = Math.max(1, error.column - prefix.length);
    return { ok: false, column, message: error.message, messageDe: error.messageDe ?? error.message };
  }
  const compiled = compileScenario(parsed.scenario);
  const command = compiled.commands[0]?.command;
  if (command?.type !== 'client.event') return { ok: false, column: 1 };
  return { ok: true, event: command.event };
}
