/**
 * Copy a text to the clipboard; without permission (or on plain http, where the browser offers
 * no clipboard), select it in `input` so Ctrl+C copies it. True when the clipboard took it.
 */
export async function copyText(text: string, input?: HTMLInputElement | null): Promise<boolean> {
  try {
    if (!navigator.clipboard) throw new Error('no clipboard');
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    input?.focus();
    input?.select();
    return false;
  }
}
