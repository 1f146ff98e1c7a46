/**
 * Zoom and pan of the stage.
 *
 * Theory of operation: zoom is semantic, not a magnifying glass. At zoom `z` the layout is made
 * for a stage `z` times as large (nodes further apart, text and nodes the same size), so more
 * names find a free place (level of detail); zoom moves in steps of `STEP` so the layout is
 * redone only when a step is crossed. Pan is a translation of the drawing, changed per pointer
 * move without any new layout. `offset` is where the drawing's origin lands on the stage:
 * centred, plus the pan.
 *
 * Gestures (the `gestures` attachment): the wheel and a trackpad pinch zoom at the pointer,
 * dragging the background pans, two fingers pinch; on the focused drawing, + and − zoom, the
 * arrow keys pan and 0 fits. None of them ever scrolls the page.
 */
import { SvelteSet } from 'svelte/reactivity';
import { SHORTCUTS, pressed } from '../keyboard/shortcuts.ts';
import { RING_MARGIN } from './layout.ts';

/** How the stage is looked at: zoom and pan, and which groups of clients are open. */
export class StageView {
  readonly zoom = new StageZoom();
  /** Keys of the groups drawn member by member. */
  readonly expanded = new SvelteSet<string>();

  /** Open a closed group, close an open one. */
  toggle(key: string): void {
    if (!this.expanded.delete(key)) this.expanded.add(key);
  }
}

/** One zoom step. */
export const STEP = 1.25;
/** Zoom steps above 1 (1.25^14 ≈ 23). */
export const MAX_LEVEL = 14;
/** Pixels a press of an arrow key pans. */
const KEY_PAN_PX = 48;
/** Wheel delta (pixels) per zoom step. */
const WHEEL_STEP = 100;

export class StageZoom {
  /** Zoom steps above "fit" (0 = the whole stage in view). */
  level = $state(0);
  panX = $state(0);
  panY = $state(0);
  /** The stage size in pixels (the drawing at zoom 1). */
  width = $state(600);
  height = $state(300);

  /**
   * The ring's half axes for the drawing at a size (the stage's layout, layout.ts ringRadii):
   * the stage sets it for its clients. Without it, the ring is the size less `RING_MARGIN`.
   */
  ringAt: (width: number, height: number) => { rx: number; ry: number } = (width, height) => ({ rx: width / 2 - RING_MARGIN.x, ry: height / 2 - RING_MARGIN.y });

  readonly zoom = $derived(STEP ** this.level);
  /** Where the origin of the zoomed layout goes: centred in the stage, plus the pan. */
  readonly offsetX = $derived((this.width - this.width * this.zoom) / 2 + this.panX);
  readonly offsetY = $derived((this.height - this.height * this.zoom) / 2 + this.panY);

  /** Zoom by `steps` (negative: out), keeping the stage point (`atX`, `atY`) where it is. */
  zoomBy(steps: number, atX = this.width / 2, atY = this.height / 2): void {
    const next = Math.max(0, Math.min(MAX_LEVEL, this.level + steps));
    if (next === this.level) return;
    // The ring grows as the layout's ring does between the two sizes (its margins for the names
    // stay, or give way on a short stage), so a point on the ring under the pointer stays under it.
    const before = this.ringAt(this.width * this.zoom, this.height * this.zoom);
    const after = this.ringAt(this.width * STEP ** next, this.height * STEP ** next);
    const rx = Math.max(1e-3, after.rx) / Math.max(1e-3, before.rx);
    const ry = Math.max(1e-3, after.ry) / Math.max(1e-3, before.ry);
    this.level = next;
    this.#pan((atX - this.width / 2) * (1 - rx) + this.panX * rx, (atY - this.height / 2) * (1 - ry) + this.panY * ry);
  }

  panBy(dx: number, dy: number): void {
    this.#pan(this.panX + dx, this.panY + dy);
  }

  /** Back to the whole stage in view. */
  fit(): void {
    this.level = 0;
    this.panX = 0;
    this.panY = 0;
  }

  /** Pan within bounds: the middle of the drawing never leaves the stage. */
  #pan(x: number, y: number): void {
    const mx = (this.width * this.zoom) / 2;
    const my = (this.height * this.zoom) / 2;
    this.panX = this.level === 0 ? 0 : Math.max(-mx, Math.min(mx, x));
    this.panY = this.level === 0 ? 0 : Math.max(-my, Math.min(my, y));
  }
}

/** Elements a drag must leave alone: a press on them is a click. */
const INTERACTIVE = '.node, .group, .packet, button';

/**
 * Wheel, drag, pinch and keys on `element` (the stage's drawing, focusable) for `zoom`.
 * Usage: `{@attach gestures(zoom)}`.
 */
export function gestures(zoom: StageZoom) {
  return (element: HTMLElement | SVGElement) => {
    let wheel = 0;
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- gesture bookkeeping, not state
    const pointers = new Map<number, { x: number; y: number }>();
    let pinchFrom = 0;
    let dragged = false;
    // In the drawing's own pixels: projector mode enlarges the stage with CSS `zoom` (1.4), so
    // the pointer's page pixels are more than the layout's (its width is the stage's clientWidth).
    const local = (e: { clientX: number; clientY: number }) => {
      const box = element.getBoundingClientRect();
      const scale = box.width > 0 && element.clientWidth > 0 ? element.clientWidth / box.width : 1;
      return { x: (e.clientX - box.left) * scale, y: (e.clientY - box.top) * scale };
    };
    const onwheel = (e: WheelEvent) => {
      e.preventDefault();
      if (!e.ctrlKey && Math.abs(e.deltaX) > Math.abs(e.deltaY)) {
        zoom.panBy(-e.deltaX, 0);
        return;
      }
      wheel += e.deltaMode === 1 ? e.deltaY * 40 : e.deltaY;
      const steps = Math.trunc(wheel / (e.ctrlKey ? WHEEL_STEP / 4 : WHEEL_STEP));
      if (steps === 0) return;
      wheel = 0;
      const at = local(e);
      zoom.zoomBy(-steps, at.x, at.y);
    };
    const onpointerdown = (e: PointerEvent) => {
      if (e.button !== 0 || (e.target as Element).closest(INTERACTIVE)) return;
      pointers.set(e.pointerId, local(e));
      dragged = false;
      if (pointers.size === 2) pinchFrom = spread(pointers);
    };
    const onpointermove = (e: PointerEvent) => {
      const before = pointers.get(e.pointerId);
      if (!before) return;
      const now = local(e);
      pointers.set(e.pointerId, now);
      if (pointers.size === 1) {
        // Captured once it moves (a capture from the press would take the click from its target).
        if (!dragged && Math.abs(now.x - before.x) + Math.abs(now.y - before.y) > 0) {
          dragged = true;
          element.setPointerCapture?.(e.pointerId);
        }
        zoom.panBy(now.x - before.x, now.y - before.y);
      } else if (pointers.size === 2 && pinchFrom > 0) {
        const ratio = spread(pointers) / pinchFrom;
        const steps = Math.trunc(Math.log(ratio) / Math.log(STEP));
        if (steps !== 0) {
          const [a, b] = [...pointers.values()];
          zoom.zoomBy(steps, (a!.x + b!.x) / 2, (a!.y + b!.y) / 2);
          pinchFrom = spread(pointers);
        }
      }
    };
    const onpointerup = (e: PointerEvent) => {
      pointers.delete(e.pointerId);
      pinchFrom = 0;
    };
    const onkeydown = (e: KeyboardEvent) => {
      if (e.target !== element) return;
      // The keys: the `stage` group of src/ui/keyboard/shortcuts.ts (the help lists them).
      const { pan, zoom: zoomKeys, fit } = SHORTCUTS.stage.shortcuts;
      const moves: Record<string, [number, number]> = { ArrowLeft: [KEY_PAN_PX, 0], ArrowRight: [-KEY_PAN_PX, 0], ArrowUp: [0, KEY_PAN_PX], ArrowDown: [0, -KEY_PAN_PX] };
      if (pressed(e, pan)) zoom.panBy(...(moves[e.key] ?? [0, 0]));
      else if (pressed(e, zoomKeys)) zoom.zoomBy(e.key === '-' || e.key === '_' ? -1 : 1);
      else if (pressed(e, fit)) zoom.fit();
      else return;
      e.preventDefault();
    };
    // A drag that moved is no click on the background.
    const onclick = (e: MouseEvent) => {
      if (dragged) e.stopPropagation();
      dragged = false;
    };
    const listeners: Array<[string, EventListener, AddEventListenerOptions]> = [
      ['wheel', onwheel as EventListener, { passive: false }],
      ['pointerdown', onpointerdown as EventListener, {}],
      ['pointermove', onpointermove as EventListener, {}],
      ['pointerup', onpointerup as EventListener, {}],
      ['pointercancel', onpointerup as EventListener, {}],
      ['keydown', onkeydown as EventListener, {}],
      ['click', onclick as EventListener, { capture: true }],
    ];
    for (const [type, listener, options] of listeners) element.addEventListener(type, listener, options);
    return () => {
      for (const [type, listener, options] of listeners) element.removeEventListener(type, listener, options);
    };
  };
}

function spread(pointers: Map<number, { x: number; y: number }>): number {
  const [a, b] = [...pointers.values()];
  return a && b ? Math.hypot(a.x - b.x, a.y - b.y) : 0;
}
