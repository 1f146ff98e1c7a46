/**
 * Zooming the stage at the pointer (zoom.svelte.ts zoomBy with the layout's ring, layout.ts
 * ringRadii): a client under the pointer stays under it, also on a short stage whose margins
 * for the names give way (1280x720 in projector mode, a phone), where the ring does not grow
 * with the zoom less fixed margins.
 */
import { describe, expect, it } from 'vitest';
import { ringRadii, stageLayout } from '../../src/ui/stage/layout.ts';
import { StageZoom } from '../../src/ui/stage/zoom.svelte.ts';

/** Where `client` is drawn on the stage (the layout at the zoom, moved by the zoom's offset). */
function onStage(zoom: StageZoom, names: readonly string[], client: string): { x: number; y: number } {
  const layout = stageLayout(names, zoom.width * zoom.zoom, zoom.height * zoom.zoom);
  const c = layout.clients.find((p) => p.name === client)!;
  return { x: c.x + zoom.offsetX, y: c.y + zoom.offsetY };
}

function zoomFor(names: readonly string[], width: number, height: number): StageZoom {
  const zoom = new StageZoom();
  zoom.width = width;
  zoom.height = height;
  zoom.ringAt = (w, h) => ringRadii(names, w, h);
  return zoom;
}

describe('zooming the stage at the pointer', () => {
  it.each([
    ['a short stage (projector mode at 1280x720)', ['sensor', 'dashboard'], 'sensor', 600, 210],
    ['a phone', ['sensor', 'dashboard', 'logger', 'alarm'], 'dashboard', 358, 300],
    ['a wide stage', ['sensor', 'dashboard', 'logger', 'alarm'], 'logger', 900, 420],
  ])('keeps the client under the pointer where it is, on %s', (_where, names, client, width, height) => {
    const zoom = zoomFor(names, width, height);
    for (const steps of [1, 1, 2, -1, -3]) {
      const before = onStage(zoom, names, client);
      zoom.zoomBy(steps, before.x, before.y);
      const after = onStage(zoom, names, client);
      expect(Math.abs(after.x - before.x), `x after ${steps} steps`).toBeLessThan(0.5);
      expect(Math.abs(after.y - before.y), `y after ${steps} steps`).toBeLessThan(0.5);
    }
  });
});
