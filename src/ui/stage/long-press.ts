/**
 * Long-press for fingers and pens: the touch twin of a right-click. A Svelte attachment
 * (`{@attach longPress(fn)}`) that calls `fn(clientX, clientY)` when a touch or pen rests on the
 * element for `LONG_PRESS_MS` without moving more than `SLOP_PX`. A mouse is left alone (it has
 * its right button). After a long-press, the click and the browser's own context menu that
 * follow the same touch are swallowed wherever they land (the menu opens under the finger: the
 * lift must not choose one of its items), so the menu is neither closed, chosen from nor opened
 * twice.
 */
import type { Attachment } from 'svelte/attachments';

export const LONG_PRESS_MS = 500;
const SLOP_PX = 10;
/** How long after a long-press its trailing click / contextmenu are ignored. */
const SWALLOW_MS = 800;

export function longPress(onlongpress: (clientX: number, clientY: number) => void): Attachment<Element> {
  return (element) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let start: { x: number; y: number } | undefined;
    let firedAt = -Infinity;

    const cancel = () => {
      clearTimeout(timer);
      timer = undefined;
      start = undefined;
    };
    const down = (event: Event) => {
      const e = event as PointerEvent;
      if (e.pointerType === 'mouse' || !e.isPrimary) return;
      cancel();
      start = { x: e.clientX, y: e.clientY };
      timer = setTimeout(() => {
        const at = start;
        cancel();
        if (!at) return;
        firedAt = performance.now();
        window.addEventListener('click', swallow, { capture: true });
        window.addEventListener('contextmenu', swallow, { capture: true });
        setTimeout(unlisten, SWALLOW_MS);
        onlongpress(at.x, at.y);
      }, LONG_PRESS_MS);
    };
    const move = (event: Event) => {
      const e = event as PointerEvent;
      if (start && Math.hypot(e.clientX - start.x, e.clientY - start.y) > SLOP_PX) cancel();
    };
    function swallow(event: Event) {
      if (performance.now() - firedAt < SWALLOW_MS) {
        event.preventDefault();
        event.stopImmediatePropagation();
      }
      if (event.type === 'click') unlisten();
    }
    function unlisten() {
      window.removeEventListener('click', swallow, { capture: true });
      window.removeEventListener('contextmenu', swallow, { capture: true });
    }

    element.addEventListener('pointerdown', down);
    element.addEventListener('pointermove', move);
    element.addEventListener('pointerup', cancel);
    element.addEventListener('pointercancel', cancel);
    element.addEventListener('pointerleave', cancel);
    return () => {
      cancel();
      unlisten();
      element.removeEventListener('pointerdown', down);
      element.removeEventListener('pointermove', move);
      element.removeEventListener('pointerup', cancel);
      element.removeEventListener('pointercancel', cancel);
      element.removeEventListener('pointerleave', cancel);
    };
  };
}
