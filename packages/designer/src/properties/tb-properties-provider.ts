import type { PanelEntry, PanelGroup, SelectOption } from '@bpmn-io/properties-panel';
import { Group } from '@bpmn-io/properties-panel';
import type { Element } from 'bpmn-js/lib/model/Types.js';
import { is } from 'bpmn-js/lib/util/ModelUtil.js';
import {
  businessObject,
  isMultiInstance,
  type ModdleElement,
  processOf,
  stringProperty,
  timerDefinitionOf,
} from '../bpmn-element.js';
import { splitDepartmentList, unknownDepartments } from '../departments.js';
import type { MessageKey } from '../i18n/messages.js';
import type { TbContext } from '../tb-context.js';
import { conditionEntry } from './condition-entry.js';
import { keyedOptions, selectEntry, textEntry } from './entries.js';
import {
  checkHandlers,
  checkOfficeHours,
  checkPassRatio,
  checkWarning,
  checkWholeNumber,
  halfWidthDigits,
  TIME_UNITS,
  unitMessageKey,
} from './field-rules.js';

interface PropertiesPanel {
  registerProvider(priority: number, provider: TbPropertiesProvider): void;
}
interface EventBus {
  fire(event: string, payload?: unknown): void;
}

const UNIT_OPTIONS = TIME_UNITS.map((unit) => [unit, unitMessageKey(unit)] as const);

function unitOptions(context: TbContext): SelectOption[] {
  return [
    { value: '', label: context.t('unit.default') },
    ...UNIT_OPTIONS.map(([value, key]) => ({ value, label: context.t(key) })),
  ];
}

function numberCheck(value: string, context: TbContext): string | null {
  const key = checkWholeNumber(value);
  return key ? context.t(key) : null;
}

function warningCheck(value: string, context: TbContext): string | null {
  const key = checkWarning(value);
  return key ? context.t(key) : null;
}

/** A limit is two entries: the amount and its unit. */
function limitEntries(
  element: Element,
  target: ModdleElement,
  attribute: string,
  label: string,
  context: TbContext,
): PanelEntry[] {
  return [
    textEntry({
      id: `tb-${attribute}`,
      element,
      target,
      attribute: `tb:${attribute}`,
      label,
      check: numberCheck,
      normalize: halfWidthDigits,
    }),
    selectEntry({
      id: `tb-${attribute}Unit`,
      element,
      target,
      attribute: `tb:${attribute}Unit`,
      label: `${label} · ${context.t('field.unit')}`,
      options: unitOptions,
    }),
  ];
}

function warningEntries(element: Element, target: ModdleElement, context: TbContext): PanelEntry[] {
  return [
    textEntry({
      id: 'tb-warning',
      element,
      target,
      attribute: 'tb:warning',
      label: context.t('field.warning'),
      description: context.t('field.warning.description'),
      check: warningCheck,
    }),
    selectEntry({
      id: 'tb-warningUnit',
      element,
      target,
      attribute: 'tb:warningUnit',
      label: `${context.t('field.warning')} · ${context.t('field.unit')}`,
      options: unitOptions,
    }),
  ];
}

/** A field rule (message key or null) as the panel's validate: the message in the interface language. */
function translated(rule: (value: string) => MessageKey | null) {
  return (value: string, context: TbContext): string | null => {
    const key = rule(value);
    return key ? context.t(key) : null;
  };
}

/**
 * How the department decides inside the task (`tb:decisionMode`, `tb:handlers`, `tb:claim`), and
 * the pass ratio when it votes.
 */
function decisionEntries(element: Element, task: ModdleElement, context: TbContext): PanelEntry[] {
  const entries: PanelEntry[] = [
    choiceEntry(element, task, 'decisionMode', context.t('field.decisionMode'), 'field.decisionMode.none', [
      ['any', 'field.decisionMode.any'],
      ['all', 'field.decisionMode.all'],
      ['vote', 'field.decisionMode.vote'],
      ['sequential', 'field.decisionMode.sequential'],
    ]),
    textEntry({
      id: 'tb-handlers',
      element,
      target: task,
      attribute: 'tb:handlers',
      label: context.t('field.handlers'),
      description: context.t('field.handlers.description'),
      check: translated(checkHandlers),
    }),
  ];
  if (stringProperty(task, 'tb:decisionMode') === 'vote') {
    entries.push(
      textEntry({
        id: 'tb-passRatio',
        element,
        target: task,
        attribute: 'tb:passRatio',
        label: context.t('field.passRatio'),
        description: context.t('field.passRatio.description'),
        check: translated(checkPassRatio),
      }),
    );
  }
  entries.push(
    choiceEntry(element, task, 'claim', context.t('field.claim'), 'field.claim.none', [
      ['one', 'field.claim.one'],
      ['all', 'field.claim.all'],
    ]),
  );
  return entries;
}

/** A select of an enumerated `tb:` attribute; the empty option (the engine's default) removes it. */
function choiceEntry(
  element: Element,
  target: ModdleElement,
  attribute: string,
  label: string,
  empty: MessageKey,
  choices: readonly (readonly [string, MessageKey])[],
): PanelEntry {
  return selectEntry({
    id: `tb-${attribute}`,
    element,
    target,
    attribute: `tb:${attribute}`,
    label,
    options: (c) => keyedOptions(c, empty, choices),
  });
}

function departmentOptions(context: TbContext, current: string): SelectOption[] {
  const known = context.directory.departments.map((d) => {
    const name = context.language === 'en' && d.nameEn ? d.nameEn : d.name;
    return { value: d.code, label: name.includes(d.code) ? name : `${name}（${d.code}）` };
  });
  const options: SelectOption[] = [{ value: '', label: context.t('field.department.none') }, ...known];
  if (current && !known.some((o) => o.value === current)) {
    options.push({ value: current, label: context.t('field.department.unknown', { code: current }) });
  }
  return options;
}

function departmentsCheck(value: string, context: TbContext): string | null {
  const unknown = unknownDepartments(context.directory, splitDepartmentList(value));
  return unknown.length > 0 ? context.t('field.departments.unknown', { codes: unknown.join(', ') }) : null;
}

function matterGroup(element: Element, process: ModdleElement, context: TbContext): PanelGroup {
  const text = (attribute: string, key: MessageKey): PanelEntry =>
    textEntry({
      id: `tb-${attribute}`,
      element,
      target: process,
      attribute: `tb:${attribute}`,
      label: context.t(key),
    });
  return {
    id: 'tb-matter',
    label: context.t('group.matter'),
    component: Group,
    shouldOpen: true,
    entries: [
      text('matterCode', 'field.matterCode'),
      text('matterName', 'field.matterName'),
      selectEntry({
        id: 'tb-matterKind',
        element,
        target: process,
        attribute: 'tb:matterKind',
        label: context.t('field.matterKind'),
        options: (c) =>
          keyedOptions(c, 'field.department.none', [
            ['promised', 'field.matterKind.promised'],
            ['immediate', 'field.matterKind.immediate'],
          ]),
      }),
      ...limitEntries(element, process, 'legalLimit', context.t('field.legalLimit'), context),
      ...limitEntries(element, process, 'promisedLimit', context.t('field.promisedLimit'), context),
      ...warningEntries(element, process, context),
      textEntry({
        id: 'tb-extensionCap',
        element,
        target: process,
        attribute: 'tb:extensionCap',
        label: context.t('field.extensionCap'),
        check: numberCheck,
        normalize: halfWidthDigits,
      }),
      textEntry({
        id: 'tb-calendar',
        element,
        target: process,
        attribute: 'tb:calendar',
        label: context.t('field.calendar'),
        description: context.t('field.calendar.description'),
      }),
      textEntry({
        id: 'tb-officeHours',
        element,
        target: process,
        attribute: 'tb:officeHours',
        label: context.t('field.officeHours'),
        description: context.t('field.officeHours.description'),
        check: translated(checkOfficeHours),
      }),
      choiceEntry(element, process, 'rejectMode', context.t('field.rejectMode'), 'field.rejectMode.none', [
        ['veto', 'field.rejectMode.veto'],
        ['collect', 'field.rejectMode.collect'],
      ]),
      choiceEntry(
        element,
        process,
        'supplementMode',
        context.t('field.supplementMode'),
        'field.supplementMode.none',
        [
          ['requester', 'field.supplementMode.requester'],
          ['all', 'field.supplementMode.all'],
        ],
      ),
    ],
  };
}

function taskGroup(element: Element, context: TbContext): PanelGroup {
  const task = businessObject(element);
  const entries: PanelEntry[] = [
    selectEntry({
      id: 'tb-department',
      element,
      target: task,
      attribute: 'tb:department',
      label: context.t('field.department'),
      options: departmentOptions,
    }),
    selectEntry({
      id: 'tb-role',
      element,
      target: task,
      attribute: 'tb:role',
      label: context.t('field.role'),
      options: (c) =>
        keyedOptions(c, 'field.department.none', [
          ['lead', 'field.role.lead'],
          ['co', 'field.role.co'],
        ]),
    }),
    ...limitEntries(element, task, 'timeLimit', context.t('field.timeLimit'), context),
    ...warningEntries(element, task, context),
    choiceEntry(
      element,
      task,
      'timeoutAction',
      context.t('field.timeoutAction'),
      'field.timeoutAction.none',
      [
        ['light', 'field.timeoutAction.light'],
        ['agree', 'field.timeoutAction.agree'],
        ['reject', 'field.timeoutAction.reject'],
      ],
    ),
    ...decisionEntries(element, task, context),
  ];
  if (isMultiInstance(element)) {
    entries.push(
      textEntry({
        id: 'tb-departments',
        element,
        target: task,
        attribute: 'tb:departments',
        label: context.t('field.departments'),
        description: context.t('field.departments.description'),
        check: departmentsCheck,
      }),
      textEntry({
        id: 'tb-collection',
        element,
        target: task,
        attribute: 'tb:collection',
        label: context.t('field.collection'),
        description: context.t('field.collection.description'),
      }),
    );
  }
  return { id: 'tb-task', label: context.t('group.task'), component: Group, shouldOpen: true, entries };
}

function serviceGroup(element: Element, context: TbContext): PanelGroup {
  return {
    id: 'tb-service',
    label: context.t('group.service'),
    component: Group,
    shouldOpen: true,
    entries: [
      textEntry({
        id: 'tb-handler',
        element,
        target: businessObject(element),
        attribute: 'tb:handler',
        label: context.t('field.handler'),
      }),
    ],
  };
}

function timerGroup(element: Element, timer: ModdleElement, context: TbContext): PanelGroup {
  return {
    id: 'tb-timer',
    label: context.t('group.timer'),
    component: Group,
    shouldOpen: true,
    entries: [
      textEntry({
        id: 'tb-timerCalendar',
        element,
        target: timer,
        attribute: 'tb:calendar',
        label: context.t('field.calendar'),
        description: context.t('field.calendar.description'),
      }),
    ],
  };
}

/** A sequence flow leaving an exclusive or inclusive gateway can carry a FEEL condition. */
function conditionGroup(element: Element, context: TbContext): PanelGroup | null {
  const source = (element as Element & { source?: Element }).source;
  if (!source || !(is(source, 'bpmn:ExclusiveGateway') || is(source, 'bpmn:InclusiveGateway'))) return null;
  return {
    id: 'tb-flow',
    label: context.t('group.flow'),
    component: Group,
    shouldOpen: true,
    entries: [
      conditionEntry(element, context.t('field.condition'), context.t('field.condition.description')),
    ],
  };
}

/** The Tongban groups for one element, or none when no `tb:` attribute applies to it. */
export function tongbanGroups(element: Element, context: TbContext): PanelGroup[] {
  if (is(element, 'bpmn:SequenceFlow')) {
    const group = conditionGroup(element, context);
    return group ? [group] : [];
  }
  const process = processOf(element);
  if (process) return [matterGroup(element, process, context)];
  if (is(element, 'bpmn:UserTask')) return [taskGroup(element, context)];
  if (is(element, 'bpmn:ServiceTask')) return [serviceGroup(element, context)];
  const timer = timerDefinitionOf(element);
  if (timer) return [timerGroup(element, timer, context)];
  return [];
}

/** Adds the Tongban groups right after bpmn-js' “General” group. */
export class TbPropertiesProvider {
  static $inject = ['propertiesPanel', 'tbContext', 'eventBus'];
  readonly #context: TbContext;

  constructor(propertiesPanel: PropertiesPanel, context: TbContext, eventBus: EventBus) {
    this.#context = context;
    propertiesPanel.registerProvider(400, this);
    context.onDirectoryChange(() => eventBus.fire('propertiesPanel.providersChanged'));
  }

  getGroups(element: Element): (groups: PanelGroup[]) => PanelGroup[] {
    return (groups) => {
      const ours = tongbanGroups(element, this.#context);
      const general = groups.findIndex((g) => g.id === 'general');
      const result = [...groups];
      result.splice(general + 1, 0, ...ours);
      return result;
    };
  }
}

export const tbPropertiesModule = {
  __init__: ['tbPropertiesProvider'],
  tbPropertiesProvider: ['type', TbPropertiesProvider],
};
