import { tbModdleDescriptor } from '@tongban/engine';
import BpmnModelerModule from 'bpmn-js/lib/Modeler.js';
import { BpmnPropertiesPanelModule, BpmnPropertiesProviderModule } from 'bpmn-js-properties-panel';
import minimapModule from 'diagram-js-minimap';
import { translateModule } from './i18n/translate-module.js';
import { tbPaletteModule } from './palette/tb-palette.js';
import { tbPropertiesModule } from './properties/tb-properties-provider.js';
import { whoDoesWhatModule } from './render/who-does-what.js';
import type { TbContext } from './tb-context.js';

// bpmn-js ships ESM without `"type": "module"`, so TypeScript (NodeNext) sees a CommonJS module whose
// default export sits under `.default`; the bundler hands us the class itself.
type ModelerClass = typeof BpmnModelerModule.default;
const BpmnModeler: ModelerClass =
  (BpmnModelerModule as unknown as { default?: ModelerClass }).default ??
  (BpmnModelerModule as unknown as ModelerClass);

export type Modeler = InstanceType<ModelerClass>;

/**
 * A bpmn-js modeler that knows Tongban: the `tb:` moddle extension (the engine's own descriptor),
 * the Tongban properties groups, palette and context pad entries, the minimap, and the interface
 * language.
 */
export function createModeler(canvas: HTMLElement, properties: HTMLElement, context: TbContext): Modeler {
  return new BpmnModeler({
    container: canvas,
    propertiesPanel: { parent: properties },
    additionalModules: [
      BpmnPropertiesPanelModule,
      BpmnPropertiesProviderModule,
      minimapModule,
      translateModule(context.language),
      { tbContext: ['value', context] },
      tbPropertiesModule,
      tbPaletteModule,
      whoDoesWhatModule,
    ],
    moddleExtensions: { tb: tbModdleDescriptor },
  });
}
