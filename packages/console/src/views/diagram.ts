import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import NavigatedViewerModule from 'bpmn-js/lib/NavigatedViewer.js';
import type { Light } from '../api/types.js';
import { t } from '../i18n/index.js';

// bpmn-js's types describe the module as CommonJS under NodeNext; the bundle gives the class itself.
type ViewerClass = typeof NavigatedViewerModule.default;
const NavigatedViewer: ViewerClass =
  (NavigatedViewerModule as unknown as { default?: ViewerClass }).default ??
  (NavigatedViewerModule as unknown as ViewerClass);

/**
 * The case's BPMN diagram in bpmn-js's NavigatedViewer (pan and zoom, no editing), each task
 * coloured by its light through a canvas marker, with a word overlay so the light is not told by
 * colour alone. bpmn-js is loaded on first use, so the board and the public page do not carry it.
 */
export interface DiagramHandle {
  destroy(): void;
}

interface Canvas {
  addMarker(element: string, marker: string): void;
  zoom(level: 'fit-viewport'): void;
}
interface Overlays {
  add(element: string, overlay: { position: { top?: number; right?: number }; html: HTMLElement }): void;
}
interface ElementRegistry {
  get(id: string): unknown;
}

const WORD: Readonly<Record<Light | 'done', () => string>> = {
  red: () => t('light.red'),
  yellow: () => t('light.yellow'),
  green: () => t('light.green'),
  done: () => '✓',
};

export async function showDiagram(
  host: HTMLElement,
  xml: string,
  lights: Readonly<Record<string, Light | 'done'>>,
): Promise<DiagramHandle> {
  const viewer = new NavigatedViewer({ container: host });
  await viewer.importXML(xml);
  const canvas = viewer.get<Canvas>('canvas');
  const overlays = viewer.get<Overlays>('overlays');
  const registry = viewer.get<ElementRegistry>('elementRegistry');
  for (const [elementId, light] of Object.entries(lights)) {
    if (!registry.get(elementId)) continue;
    canvas.addMarker(elementId, `tb-light-${light}`);
    const badge = document.createElement('span');
    badge.className = `tb-overlay tb-overlay-${light}`;
    badge.dataset.elementId = elementId;
    badge.dataset.light = light;
    badge.textContent = WORD[light]();
    overlays.add(elementId, { position: { top: -12, right: 12 }, html: badge });
  }
  canvas.zoom('fit-viewport');
  return { destroy: () => viewer.destroy() };
}
