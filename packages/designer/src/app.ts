import { getCalendar, MAINLAND_CALENDAR } from '@tongban/engine/calendar';
import type { Element as DiagramElement } from 'bpmn-js/lib/model/Types.js';
import { type DepartmentDirectory, parseDepartmentDirectory } from './departments.js';
import { DryRunView } from './dryrun/view.js';
import { bundledExamples } from './examples.js';
import { type Language, type MessageKey, message } from './i18n/messages.js';
import { emptyDiagram } from './io/empty-diagram.js';
import { acceptDroppedFiles, baseName, download, pickFile } from './io/files.js';
import { createModeler, type Modeler } from './modeler.js';
import { DeadlinePreviewView } from './preview/view.js';
import { withPanelRendersDeferred } from './properties/defer-panel.js';
import { TbContext } from './tb-context.js';
import { el, replaceChildren } from './ui/dom.js';
import { LiveValidation } from './validation/live-validation.js';
import type { Validator } from './validation/types.js';

/** What the page starts with; a language switch restarts the designer with the current diagram. */
export interface DesignerOptions {
  readonly language: Language;
  readonly directory: DepartmentDirectory;
  readonly validate: Validator | null;
  readonly xml?: string;
  readonly fileName?: string;
  readonly tab?: TabId;
  /** Acceptance date of the deadline preview (default: today on the mainland calendar). */
  readonly acceptance?: string;
}

type TabId = 'problems' | 'preview' | 'dryRun';
const TABS: readonly TabId[] = ['problems', 'preview', 'dryRun'];
const LANGUAGE_KEY = 'tongban.designer.language';

interface CommandStack {
  undo(): void;
  redo(): void;
  canUndo(): boolean;
  canRedo(): boolean;
}
interface EventBus {
  on(event: string | string[], callback: () => void): void;
}

/** The designer page: toolbar, canvas, properties panel, and problems / preview / dry-run tabs. */
export class Designer {
  readonly modeler: Modeler;
  readonly context: TbContext;
  readonly validation: LiveValidation | null;
  readonly preview: DeadlinePreviewView;
  readonly dryRun: DryRunView;
  #dryMarked: readonly string[] = [];
  readonly #root: HTMLElement;
  readonly #options: DesignerOptions;
  readonly #status: HTMLElement;
  readonly #file: HTMLElement;
  readonly #panes: Record<TabId, HTMLElement>;
  #fileName: string;
  #tab: TabId;

  private constructor(root: HTMLElement, options: DesignerOptions) {
    this.#root = root;
    this.#options = options;
    this.#fileName = options.fileName ?? 'matter.bpmn';
    this.#tab = options.tab ?? 'problems';
    this.context = new TbContext(options.language, options.directory);
    document.documentElement.lang = options.language === 'zh' ? 'zh-CN' : 'en';
    document.title = this.t('app.title');

    const canvas = el('div', { class: 'tb-canvas', 'data-testid': 'canvas' });
    const properties = el('aside', { class: 'tb-properties', 'data-testid': 'properties' });
    this.#status = el('span', { class: 'tb-status', 'data-testid': 'status', role: 'status' });
    this.#file = el('span', { class: 'tb-file', 'data-testid': 'file-name' });
    this.#panes = {
      problems: el('div', { class: 'tb-pane', 'data-testid': 'problems' }),
      preview: el('div', { class: 'tb-pane', 'data-testid': 'preview' }),
      dryRun: el('div', { class: 'tb-pane', 'data-testid': 'dry-run' }),
    };
    replaceChildren(
      root,
      el(
        'div',
        { class: 'tb-app' },
        this.#toolbar(),
        el('main', { class: 'tb-main' }, canvas, properties),
        this.#bottom(),
      ),
    );
    this.modeler = createModeler(canvas, properties, this.context);
    this.validation = options.validate
      ? new LiveValidation(
          this.modeler,
          options.validate,
          { problems: this.#panes.problems, status: this.#status },
          this.context,
        )
      : null;
    this.preview = new DeadlinePreviewView(
      this.#panes.preview,
      this.context,
      (id) => this.selectElement(id),
      options.acceptance ?? getCalendar(MAINLAND_CALENDAR).civilDateOf(Date.now()),
    );
    this.dryRun = new DryRunView(this.#panes.dryRun, this.context, {
      acceptanceDate: () =>
        this.#panes.preview.querySelector<HTMLInputElement>('[data-testid="acceptance-date"]')?.value ?? '',
      highlight: (ids) => this.#highlight(ids),
      selectedElementId: () => {
        const selected = this.modeler.get<{ get(): DiagramElement[] }>('selection').get();
        return selected.length === 1 ? (selected[0]?.id ?? null) : null;
      },
    });
    this.modeler.get<EventBus>('eventBus').on('selection.changed', () => {
      if (this.#tab === 'dryRun') this.dryRun.render();
    });
    if (this.validation) {
      this.validation.onResult((result) => {
        this.preview.update(result.definition);
        this.dryRun.update(result.key, result.definition);
      });
    } else this.#setStatus('status.engineMissing');
    acceptDroppedFiles(canvas, (file) => void this.openFile(file));
    this.modeler.get<EventBus>('eventBus').on('commandStack.changed', () => this.#updateUndo());
    this.#showTab(this.#tab);
  }

  /** Builds the page in `root` and opens `options.xml` (or a new diagram). */
  static async start(root: HTMLElement, options: DesignerOptions): Promise<Designer> {
    const designer = new Designer(root, options);
    await designer.open(options.xml ?? emptyDiagram(), designer.#fileName);
    return designer;
  }

  t(key: MessageKey, params?: Readonly<Record<string, string | number>>): string {
    return message(this.context.language, key, params);
  }

  /**
   * Opens BPMN XML; resolves when the diagram is drawn and its diagnostics are shown. On failure
   * the previous diagram stays and the status says why.
   */
  async open(xml: string, fileName: string): Promise<boolean> {
    const draw = async () => {
      const { warnings } = await this.modeler.importXML(xml);
      (this.modeler.get('canvas') as { zoom(level: string): void }).zoom('fit-viewport');
      this.#fileName = fileName;
      this.#showFileName();
      this.#updateUndo();
      return warnings;
    };
    try {
      const validation = this.validation;
      await withPanelRendersDeferred(async () => {
        if (validation) await validation.open(draw);
        else await draw();
      });
      return true;
    } catch (error) {
      this.#setStatus('status.openFailed', {
        name: fileName,
        message: error instanceof Error ? error.message : String(error),
      });
      document.body.dataset.validation = 'failed';
      return false;
    }
  }

  async openFile(file: File): Promise<boolean> {
    return this.open(await file.text(), file.name);
  }

  async saveXML(): Promise<string> {
    const { xml = '' } = await this.modeler.saveXML({ format: true });
    return xml;
  }

  async saveSVG(): Promise<string> {
    const { svg } = await this.modeler.saveSVG();
    return svg;
  }

  /** Replaces the department directory the panel's pickers offer. */
  loadDirectory(json: unknown): DepartmentDirectory {
    const directory = parseDepartmentDirectory(json);
    this.context.directory = directory;
    return directory;
  }

  /** Restarts the designer in the other language, keeping the diagram. */
  async switchLanguage(): Promise<Designer> {
    const language: Language = this.context.language === 'zh' ? 'en' : 'zh';
    localStorage.setItem(LANGUAGE_KEY, language);
    const xml = await this.saveXML();
    this.modeler.destroy();
    return Designer.start(this.#root, {
      ...this.#options,
      language,
      directory: this.context.directory,
      xml,
      fileName: this.#fileName,
      tab: this.#tab,
      acceptance: this.#panes.preview.querySelector<HTMLInputElement>('[data-testid="acceptance-date"]')
        ?.value,
    });
  }

  #highlight(ids: readonly string[]): void {
    const canvas = this.modeler.get<{
      addMarker(id: string, m: string): void;
      removeMarker(id: string, m: string): void;
    }>('canvas');
    const registry = this.modeler.get<{ get(id: string): DiagramElement | undefined }>('elementRegistry');
    for (const id of this.#dryMarked) if (registry.get(id)) canvas.removeMarker(id, 'tb-dry-active');
    for (const id of ids) if (registry.get(id)) canvas.addMarker(id, 'tb-dry-active');
    this.#dryMarked = ids;
  }

  /** Selects an element and scrolls it into view. */
  selectElement(id: string): void {
    const element = this.modeler
      .get<{ get(id: string): DiagramElement | undefined }>('elementRegistry')
      .get(id);
    if (!element) return;
    this.modeler.get<{ select(e: DiagramElement): void }>('selection').select(element);
    this.modeler.get<{ scrollToElement(e: DiagramElement): void }>('canvas').scrollToElement(element);
  }

  /** The pane of a bottom tab, for the preview and dry-run views to render into. */
  pane(tab: TabId): HTMLElement {
    return this.#panes[tab];
  }

  /** The open file's name in the toolbar and the window title; the status line is validation's. */
  #showFileName(): void {
    this.#file.textContent = this.#fileName;
    this.#file.title = this.#fileName;
    document.title = `${this.#fileName} · ${this.t('app.title')}`;
  }

  #setStatus(key: MessageKey, params?: Readonly<Record<string, string | number>>): void {
    this.#status.textContent = this.t(key, params);
  }

  #toolbar(): HTMLElement {
    const button = (id: string, key: MessageKey, onclick: () => void): HTMLButtonElement =>
      el('button', { type: 'button', class: 'tb-button', 'data-action': id, onclick }, this.t(key));
    const examples = bundledExamples();
    const exampleSelect = el(
      'select',
      {
        class: 'tb-examples',
        'data-action': 'examples',
        'aria-label': this.t('toolbar.examples'),
        onchange: async (event: Event) => {
          const select = event.target as HTMLSelectElement;
          const entry = examples.find((e) => e.path === select.value);
          select.value = '';
          if (entry) await this.open(await entry.load(), entry.path.split('/').pop() ?? entry.path);
        },
      },
      el('option', { value: '' }, this.t('toolbar.examples')),
      ...(examples.length === 0
        ? [el('option', { value: '', disabled: true }, this.t('toolbar.examples.none'))]
        : examples.map((e) => el('option', { value: e.path }, e.path))),
    );
    return el(
      'header',
      { class: 'tb-toolbar' },
      el('strong', { class: 'tb-title' }, this.t('app.title')),
      button('new', 'toolbar.new', () => void this.open(emptyDiagram(), 'matter.bpmn')),
      button('open', 'toolbar.open', async () => {
        const file = await pickFile('.bpmn,.xml');
        if (file) await this.openFile(file);
      }),
      exampleSelect,
      button('save', 'toolbar.save', async () =>
        download(`${baseName(this.#fileName)}.bpmn`, await this.saveXML(), 'application/xml'),
      ),
      button('svg', 'toolbar.svg', async () =>
        download(`${baseName(this.#fileName)}.svg`, await this.saveSVG(), 'image/svg+xml'),
      ),
      button('undo', 'toolbar.undo', () => this.modeler.get<CommandStack>('commandStack').undo()),
      button('redo', 'toolbar.redo', () => this.modeler.get<CommandStack>('commandStack').redo()),
      button('departments', 'toolbar.departments', async () => {
        const file = await pickFile('.json,application/json');
        if (!file) return;
        try {
          const directory = this.loadDirectory(JSON.parse(await file.text()));
          this.#setStatus('status.departmentsLoaded', { count: directory.departments.length });
        } catch (error) {
          this.#setStatus('status.departmentsFailed', {
            message: error instanceof Error ? error.message : String(error),
          });
        }
      }),
      button('language', 'toolbar.language', () => void this.switchLanguage().then(publish)),
      el('span', { class: 'tb-spacer' }),
      this.#file,
      el('span', { class: 'tb-hint' }, this.t('toolbar.dropHint')),
      this.#status,
    );
  }

  #bottom(): HTMLElement {
    const tabs = TABS.map((tab) =>
      el(
        'button',
        {
          type: 'button',
          class: 'tb-tab',
          role: 'tab',
          'data-tab': tab,
          onclick: () => this.#showTab(tab),
        },
        this.t(`tab.${tab}`),
      ),
    );
    return el(
      'section',
      { class: 'tb-bottom' },
      el('nav', { class: 'tb-tabs', role: 'tablist' }, ...tabs),
      ...TABS.map((tab) => this.#panes[tab]),
    );
  }

  #showTab(tab: TabId): void {
    this.#tab = tab;
    for (const id of TABS) this.#panes[id].hidden = id !== tab;
    if (tab === 'preview') this.preview.render();
    if (tab === 'dryRun') this.dryRun.render();
    for (const button of this.#root.querySelectorAll<HTMLElement>('.tb-tab')) {
      button.setAttribute('aria-selected', String(button.dataset.tab === tab));
    }
  }

  #updateUndo(): void {
    const stack = this.modeler.get<CommandStack>('commandStack');
    const undo = this.#root.querySelector<HTMLButtonElement>('[data-action="undo"]');
    const redo = this.#root.querySelector<HTMLButtonElement>('[data-action="redo"]');
    if (undo) undo.disabled = !stack.canUndo();
    if (redo) redo.disabled = !stack.canRedo();
  }
}

/** The running designer, for the browser console and the end-to-end tests. */
export function publish(designer: Designer): Designer {
  (window as unknown as { tongban: Designer }).tongban = designer;
  return designer;
}

export function savedLanguage(): string | null {
  try {
    return localStorage.getItem(LANGUAGE_KEY);
  } catch {
    return null;
  }
}
