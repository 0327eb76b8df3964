import { options } from '@bpmn-io/properties-panel/preact';

/** After the next frame is painted, when the page is idle (at most 200 ms later). */
const afterPaint = (run: () => void) =>
  requestAnimationFrame(() => setTimeout(() => requestIdleCallback(run, { timeout: 200 }), 0));

/**
 * Runs `work` (opening a diagram) with the properties panel's scheduled re-renders held back until
 * the next frame is painted and the page is idle. bpmn-js' import makes the panel render the new process at once and
 * then, on `import.done` and the cleared selection, render it again through preact's render queue:
 * the repeat shows the same process, so it can wait a frame while the canvas and the diagnostics
 * appear (preact's documented `options.debounceRendering` hook is the queue's scheduler).
 */
export async function withPanelRendersDeferred<T>(work: () => Promise<T>): Promise<T> {
  const previous = options.debounceRendering;
  const held: (() => void)[] = [];
  options.debounceRendering = (render) => held.push(render);
  try {
    return await work();
  } finally {
    options.debounceRendering = previous;
    afterPaint(() => {
      for (const render of held) render();
    });
  }
}
