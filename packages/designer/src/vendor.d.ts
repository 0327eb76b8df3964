// Type shapes for the bpmn.io packages that ship no TypeScript declarations: only what we use.

declare module 'bpmn-js-i18n/translations/zn.js' {
  const translations: Readonly<Record<string, string>>;
  export default translations;
}

declare module 'diagram-js-minimap' {
  import type { ModuleDeclaration } from 'didi';

  const module: ModuleDeclaration;
  export default module;
}

declare module 'bpmn-js-properties-panel' {
  import type { ModuleDeclaration } from 'didi';
  export const BpmnPropertiesPanelModule: ModuleDeclaration;
  export const BpmnPropertiesProviderModule: ModuleDeclaration;
  export function useService<T>(name: string, strict?: boolean): T;
}

declare module '@bpmn-io/properties-panel' {
  import type { ComponentType, VNode } from '@bpmn-io/properties-panel/preact';

  export interface EntryProps {
    readonly element: unknown;
    readonly id: string;
  }
  export interface PanelEntry {
    readonly id: string;
    readonly component: ComponentType<EntryProps & Record<string, unknown>>;
    readonly isEdited?: (node: Element) => boolean;
    readonly [extra: string]: unknown;
  }
  export interface PanelGroup {
    readonly id: string;
    readonly label: string;
    readonly entries: readonly PanelEntry[];
    readonly component?: ComponentType<unknown>;
    readonly shouldOpen?: boolean;
  }
  interface FieldProps<T> {
    readonly element: unknown;
    readonly id: string;
    readonly label: string;
    readonly description?: string;
    readonly getValue: (element: unknown) => T;
    readonly setValue: (value: T) => void;
  }
  export interface TextFieldProps extends FieldProps<string> {
    readonly debounce: <F extends (...args: never[]) => unknown>(fn: F) => F;
    readonly validate?: (value: string) => string | null | undefined;
  }
  export interface SelectOption {
    readonly value: string;
    readonly label: string;
    readonly disabled?: boolean;
  }
  export interface SelectProps extends FieldProps<string> {
    readonly getOptions: (element: unknown) => readonly SelectOption[];
    readonly validate?: (value: string) => string | null | undefined;
  }
  export function TextFieldEntry(props: TextFieldProps): VNode;
  export function SelectEntry(props: SelectProps): VNode;
  export const Group: ComponentType<unknown>;
  export function isTextFieldEntryEdited(node: Element): boolean;
  export function isSelectEntryEdited(node: Element): boolean;
}
