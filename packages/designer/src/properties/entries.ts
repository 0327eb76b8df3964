import {
  isSelectEntryEdited,
  isTextFieldEntryEdited,
  type PanelEntry,
  SelectEntry,
  type SelectOption,
  TextFieldEntry,
} from '@bpmn-io/properties-panel';
import { h } from '@bpmn-io/properties-panel/preact';
import type { Element } from 'bpmn-js/lib/model/Types.js';
import { useService } from 'bpmn-js-properties-panel';
import { type ModdleElement, stringProperty } from '../bpmn-element.js';
import type { MessageKey } from '../i18n/messages.js';
import type { TbContext } from '../tb-context.js';
import { attributeValue } from './field-rules.js';

interface Modeling {
  updateModdleProperties(element: Element, target: ModdleElement, properties: Record<string, unknown>): void;
}
type Debounce = <F extends (...args: never[]) => unknown>(fn: F) => F;

/** A `tb:` attribute edited in the panel; `target` is the moddle element that carries it. */
export interface AttributeEntrySpec {
  readonly id: string;
  readonly element: Element;
  readonly target: ModdleElement;
  /** Qualified attribute name, e.g. `tb:matterCode`. */
  readonly attribute: string;
  readonly label: string;
  readonly description?: string;
  /** Returns the message key of what is wrong with a value, or null. */
  readonly check?: (value: string, context: TbContext) => string | null;
  /** Rewrites what was typed before it is stored (e.g. full-width digits as ASCII). */
  readonly normalize?: (value: string) => string;
}

export interface SelectEntrySpec extends AttributeEntrySpec {
  readonly options: (context: TbContext, current: string) => readonly SelectOption[];
}

function TextAttribute(props: AttributeEntrySpec) {
  const modeling = useService<Modeling>('modeling');
  const debounce = useService<Debounce>('debounceInput');
  const context = useService<TbContext>('tbContext');
  const { element, id, label, description, target, attribute, check, normalize } = props;
  return h(TextFieldEntry, {
    element,
    id,
    label,
    ...(description === undefined ? {} : { description }),
    debounce,
    getValue: () => stringProperty(target, attribute),
    setValue: (value: string) =>
      modeling.updateModdleProperties(element, target, {
        [attribute]: attributeValue(normalize ? normalize(value ?? '') : (value ?? '')),
      }),
    ...(check ? { validate: (value: string) => check(value ?? '', context) } : {}),
  });
}

function SelectAttribute(props: SelectEntrySpec) {
  const modeling = useService<Modeling>('modeling');
  const context = useService<TbContext>('tbContext');
  const { element, id, label, description, target, attribute, options } = props;
  return h(SelectEntry, {
    element,
    id,
    label,
    ...(description === undefined ? {} : { description }),
    getValue: () => stringProperty(target, attribute),
    setValue: (value: string) =>
      modeling.updateModdleProperties(element, target, { [attribute]: attributeValue(value ?? '') }),
    getOptions: () => options(context, stringProperty(target, attribute)),
  });
}

export function textEntry(spec: AttributeEntrySpec): PanelEntry {
  return {
    ...spec,
    component: TextAttribute as unknown as PanelEntry['component'],
    isEdited: isTextFieldEntryEdited,
  };
}

export function selectEntry(spec: SelectEntrySpec): PanelEntry {
  return {
    ...spec,
    component: SelectAttribute as unknown as PanelEntry['component'],
    isEdited: isSelectEntryEdited,
  };
}

/** Options from message keys, with an empty first option meaning “not set”. */
export function keyedOptions(
  context: TbContext,
  empty: MessageKey,
  entries: readonly (readonly [string, MessageKey])[],
): SelectOption[] {
  return [
    { value: '', label: context.t(empty) },
    ...entries.map(([value, key]) => ({ value, label: context.t(key) })),
  ];
}
