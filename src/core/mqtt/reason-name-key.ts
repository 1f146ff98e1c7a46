/**
 * When a note's `name` is a reason code's name (`client.connack.refused`: `{ code: '0x87', name:
 * 'not authorized' }`), its text in either language is the explanation text under
 * `reason-name.<name>` (reason-names-de.ts, in the tables that arrive with the kernel). Kept
 * apart from the table so the UI's first load carries only this rule, not the words.
 */

export const REASON_NAME_PREFIX = 'reason-name.';

/**
 * The explanation key for a note's `name`, when the note names a reason code (it has a `code`
 * param such as `0x87`); undefined for any other `name` (a client's, a ShareName), which is
 * shown as it is.
 */
export function reasonNameKey(name: string, params: Readonly<Record<string, unknown>>): string | undefined {
  return typeof params.code === 'string' && /^0x[0-9a-f]+$/i.test(params.code) ? `${REASON_NAME_PREFIX}${name}` : undefined;
}
