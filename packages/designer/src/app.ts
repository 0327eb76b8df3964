import { TongbanError } from '@tongban/engine';
import { getCalendar, MAINLAND_CALENDAR } from '@tongban/engine/calendar';
import { localize } from '@tongban/engine/messages';
import type { Element as DiagramElement } from 'bpmn-js/lib/model/Types.js';
import { type DepartmentDirectory, parseDepartmentDirectory } from './departments.js';
import { type DryRunPaint, DryRunView } from './dryrun/view.js';
import { bundledExamples } from './examples.js';
import { engineLanguage, type Language, type MessageKey, message } from './i18n/messages.js';
import { forget, keep, kept, matterFileName } from './io/autosave.js';
import { emptyDiagram } from './io/empty-diagram.js';
import { acceptDroppedFiles, baseName, download, pickFile } from './io/files.js';
import { createModeler, type Modeler } from './modeler.js';
import { DeadlinePreviewView } from './preview/view.js';
import { withPanelRendersDeferred } from './properties/defer-panel.js';
import type { ServerLink } from './server/link.js';
import { ServerPanel } from './server/server-panel.js';
import { ServerProblems } from './server/server-problems.js';
import { TbContext } from './tb-context.js';
import { el, replaceChildren } from './ui/dom.js';
import { describeElement } from './validation/describe.js';
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
  /** The `tongban serve` the page was loaded from: open from and deploy to it. */
  readonly server?: ServerLink | null;
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
  /** Open from and deploy to the server, when the page has one. */
  readonly server: ServerPanel | null = null;
  #dryMarked: [string, string][] = [];
  readonly #root: HTMLElement;
  readonly #options: DesignerOptions;
  readonly #status: HTMLElement;
  readonly #file: HTMLElement;
  readonly #panes: Record<TabId, HTMLElement>;
  #fileName: string;
  #tab: TabId;
  /** Edits since the diagram was opened or saved: 新建, 打开 and reload ask before dropping them. */
  #dirty = false;
  #autosaveTimer: ReturnType<typeof setTimeout> | undefined;
  readonly #zoom: HTMLElement;

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
    this.#zoom = el('span', { class: 'tb-zoom', 'data-testid': 'zoom' }, '100%');
    // The local problems list; the server's diagnostics, when there is a server, go above it.
    const localProblems = el('div', { class: 'tb-problems-local' });
    this.#panes = {
      problems: el('div', { class: 'tb-pane', 'data-testid': 'problems' }, localProblems),
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
          { problems: localProblems, status: this.#status },
          this.context,
        )
      : null;
    this.preview = new DeadlinePreviewView(
      this.#panes.preview,
      this.context,
      (id) => this.selectElement(id),
      options.acceptance ?? getCalendar(MAINLAND_CALENDAR).civilDateOf(Date.now()),
      (text, source) => this.loadCalendarOverlay(text, source),
    );
    this.dryRun = new DryRunView(this.#panes.dryRun, this.context, {
      acceptanceDate: () =>
        this.#panes.preview.querySelector<HTMLInputElement>('[data-testid="acceptance-date"]')?.value ?? '',
      paint: (paint) => this.#paint(paint),
      describe: (id) =>
        describeElement(
          this.modeler.get<{ get(id: string): DiagramElement | undefined }>('elementRegistry'),
          id,
        ),
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
    const eventBus = this.modeler.get<EventBus>('eventBus');
    eventBus.on('commandStack.changed', () => {
      this.#updateUndo();
      this.#changed();
    });
    eventBus.on('canvas.viewbox.changed', () => this.#showZoom());
    // A click on the selected element keeps it selected (diagram-js would deselect it).
    (
      eventBus as unknown as {
        on(
          e: string,
          p: number,
          cb: (event: { element?: DiagramElement; originalEvent?: MouseEvent }) => unknown,
        ): void;
      }
    ).on('element.click', 1500, (event) => {
      const original = event.originalEvent;
      if (original && (original.shiftKey || original.ctrlKey || original.metaKey)) return undefined;
      const selected = this.modeler.get<{ get(): DiagramElement[] }>('selection').get();
      if (event.element && selected.length === 1 && selected[0] === event.element) return false;
      return undefined;
    });
    window.addEventListener('beforeunload', this.#beforeUnload);
    if (options.server) this.server = this.#attachServer(options.server);
    this.#showTab(this.#tab);
  }

  /** The server's part of the page: toolbar buttons, the definitions list, its diagnostics. */
  #attachServer(link: ServerLink): ServerPanel {
    const problems = new ServerProblems(this.modeler, this.context, {
      message: (d) => this.validation?.message(d) ?? d.message,
      reveal: (id, field) =>
        this.validation ? this.validation.reveal(id, field) : id !== null && this.selectElement(id),
    });
    this.#panes.problems.prepend(problems.element);
    const panel = new ServerPanel(link, {
      context: this.context,
      problems,
      saveXML: () => this.saveXML(),
      open: (xml, name) => this.open(xml, name),
      confirmDiscard: () => this.confirmDiscard(),
      keepWork: async () => {
        await this.autosave();
        // Kept: leaving for the sign-in page loses nothing, so the browser need not ask.
        this.#dirty = false;
      },
      showProblems: () => this.#showTab('problems'),
    });
    this.#root.querySelector('.tb-spacer')?.before(panel.toolbar);
    this.#root.querySelector('.tb-main')?.append(panel.dialog);
    // The server's diagnostics are about the model as it was sent: an edit makes them stale.
    this.modeler.get<EventBus>('eventBus').on('commandStack.changed', () => problems.clear());
    return panel;
  }

  /** Asks the browser to confirm leaving while there is unsaved work. */
  readonly #beforeUnload = (event: BeforeUnloadEvent): void => {
    if (!this.#dirty) return;
    event.preventDefault();
    event.returnValue = '';
  };

  get dirty(): boolean {
    return this.#dirty;
  }

  /** An edit: the work is unsaved, and kept in localStorage once the editing pauses. */
  #changed(): void {
    this.#dirty = true;
    clearTimeout(this.#autosaveTimer);
    // Saving a large diagram's XML takes a while: wait for a pause in the editing, then for idle time.
    this.#autosaveTimer = setTimeout(
      () => requestIdleCallback(() => void this.autosave(), { timeout: 2000 }),
      1000,
    );
  }

  /** Keeps the current diagram in localStorage (the next visit offers it back). */
  async autosave(): Promise<void> {
    if (!this.#dirty) return;
    keep({ xml: await this.saveXML(), fileName: this.#fileName, at: Date.now() });
  }

  /** Whether unsaved work may be dropped: nothing unsaved, or the person says so. */
  confirmDiscard(): boolean {
    return !this.#dirty || window.confirm(this.t('confirm.discard'));
  }

  /** Offers the work kept from a previous visit, when there is some. */
  offerRestore(): void {
    const work = kept();
    if (!work) return;
    const when = new Date(work.at).toLocaleString(this.context.language === 'zh' ? 'zh-CN' : 'en');
    const banner = el(
      'div',
      { class: 'tb-restore', 'data-testid': 'restore', role: 'alert' },
      this.t('restore.found', { name: work.fileName, when }),
      ' ',
      el(
        'button',
        {
          type: 'button',
          class: 'tb-button',
          'data-action': 'restore',
          onclick: async () => {
            banner.remove();
            await this.open(work.xml, work.fileName);
            this.#dirty = true;
          },
        },
        this.t('restore.restore'),
      ),
      ' ',
      el(
        'button',
        {
          type: 'button',
          class: 'tb-button',
          'data-action': 'restore-discard',
          onclick: () => {
            banner.remove();
            forget();
          },
        },
        this.t('restore.discard'),
      ),
    );
    this.#root.querySelector('.tb-app')?.prepend(banner);
  }

  #showZoom(): void {
    const zoom = this.modeler.get<{ zoom(): number }>('canvas').zoom();
    this.#zoom.textContent = `${Math.round(zoom * 100)}%`;
  }

  /** Fits the whole diagram in the window. */
  fit(): void {
    this.modeler.get<{ zoom(level: string, center: string): void }>('canvas').zoom('fit-viewport', 'auto');
    this.#showZoom();
  }

  /** The name a saved file gets: the matter's name (or code, or the process name), else the opened file's. */
  saveName(): string {
    const root = this.modeler.get<{ getRootElement(): DiagramElement }>('canvas').getRootElement();
    const bo = root.businessObject as {
      get?(n: string): unknown;
      name?: string;
      processRef?: { get?(n: string): unknown; name?: string };
    };
    const process = bo?.processRef ?? bo;
    const read = (name: string) => {
      const value = process?.get?.(name);
      return typeof value === 'string' ? value : null;
    };
    return (
      matterFileName([read('tb:matterName'), read('tb:matterCode'), process?.name]) ??
      `${baseName(this.#fileName)}.bpmn`
    );
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
      this.#showZoom();
      return warnings;
    };
    try {
      const validation = this.validation;
      await withPanelRendersDeferred(async () => {
        if (validation) await validation.open(draw);
        else await draw();
      });
      this.#dirty = false;
      clearTimeout(this.#autosaveTimer);
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

  /**
   * Loads an agency calendar overlay (the JSON `tongban deadline --overlay` reads, e.g. next year's
   * holidays) for this page: the model is checked and the preview and dry run count on it at once.
   * Resolves with what is wrong with the file, in the page language, or null.
   */
  async loadCalendarOverlay(text: string, source: string): Promise<string | null> {
    try {
      this.context.calendars = this.context.calendars.withOverlay(text, source);
      const name = (JSON.parse(text) as { name?: unknown }).name;
      this.context.overlays.push(typeof name === 'string' ? name : source);
    } catch (error) {
      return error instanceof TongbanError
        ? localize(error, engineLanguage(this.context.language))
        : String(error);
    }
    await this.validation?.runNow();
    this.preview.render();
    return null;
  }

  /** Restarts the designer in the other language, keeping the diagram. */
  async switchLanguage(): Promise<Designer> {
    const language: Language = this.context.language === 'zh' ? 'en' : 'zh';
    localStorage.setItem(LANGUAGE_KEY, language);
    const xml = await this.saveXML();
    window.removeEventListener('beforeunload', this.#beforeUnload);
    this.modeler.destroy();
    const dirty = this.#dirty;
    const designer = new Designer(this.#root, {
      ...this.#options,
      language,
      directory: this.context.directory,
      fileName: this.#fileName,
      tab: this.#tab,
      acceptance: this.#panes.preview.querySelector<HTMLInputElement>('[data-testid="acceptance-date"]')
        ?.value,
    });
    // The calendars loaded in the page and the unsaved state carry over to the other language.
    designer.context.calendars = this.context.calendars;
    designer.context.overlays = this.context.overlays;
    await designer.open(xml, this.#fileName);
    designer.#dirty = dirty;
    return designer;
  }

  /**
   * Paints a dry run on the canvas: open tasks coloured by their light with the last day and
   * working days left under them, the elements and flows the case passed, and each gateway's way.
   */
  #paint(paint: DryRunPaint | null): void {
    const canvas = this.modeler.get<{
      addMarker(id: string, m: string): void;
      removeMarker(id: string, m: string): void;
    }>('canvas');
    const overlays = this.modeler.get<{
      add(id: string, type: string, o: { position: Record<string, number>; html: HTMLElement }): string;
      remove(filter: { type: string }): void;
    }>('overlays');
    const registry = this.modeler.get<{ get(id: string): DiagramElement | undefined }>('elementRegistry');
    for (const [id, marker] of this.#dryMarked) if (registry.get(id)) canvas.removeMarker(id, marker);
    overlays.remove({ type: 'tb-dry' });
    this.#dryMarked = [];
    if (!paint) return;
    const mark = (id: string, marker: string) => {
      if (!registry.get(id)) return;
      canvas.addMarker(id, marker);
      this.#dryMarked.push([id, marker]);
    };
    for (const id of paint.visited) mark(id, 'tb-dry-visited');
    for (const id of paint.flows) mark(id, 'tb-dry-taken');
    for (const id of paint.active) mark(id, 'tb-dry-active');
    for (const [id, light] of paint.lights) {
      mark(id, `tb-dry-light-${light.light}`);
      if (!registry.get(id)) continue;
      const parts = [this.t(`light.${light.light}`)];
      if (light.lastDay !== null)
        parts.push(`${this.t('dryRun.lastDay', { date: light.lastDay })}${light.provisional ? '*' : ''}`);
      if (light.left !== null) {
        parts.push(
          light.left >= 0
            ? this.t('dryRun.daysLeft', { n: light.left })
            : this.t('dryRun.overdueDays', { n: -light.left }),
        );
      }
      overlays.add(id, 'tb-dry', {
        position: { top: -20, left: 0 },
        html: el(
          'div',
          { class: `tb-dry-label tb-dry-label-${light.light}`, 'data-element-id': id },
          parts.join(' · '),
        ),
      });
    }
    for (const [gateway, flow] of paint.choices) {
      if (!registry.get(gateway)) continue;
      overlays.add(gateway, 'tb-dry', {
        position: { top: -22, left: -10 },
        html: el(
          'div',
          { class: 'tb-dry-choice', 'data-element-id': gateway, 'data-flow': flow },
          `→ ${describeElement(registry, flow)}`,
        ),
      });
    }
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
          if (entry && this.confirmDiscard()) {
            await this.open(await entry.load(), entry.path.split('/').pop() ?? entry.path);
          }
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
      button('new', 'toolbar.new', () => {
        if (this.confirmDiscard()) void this.open(emptyDiagram(), 'matter.bpmn').then(() => forget());
      }),
      button('open', 'toolbar.open', async () => {
        if (!this.confirmDiscard()) return;
        const file = await pickFile('.bpmn,.xml');
        if (file) await this.openFile(file);
      }),
      exampleSelect,
      button('save', 'toolbar.save', async () => {
        const name = this.saveName();
        download(name, await this.saveXML(), 'application/xml');
        this.#fileName = name;
        this.#showFileName();
        this.#dirty = false;
        forget();
      }),
      button('svg', 'toolbar.svg', async () =>
        download(`${baseName(this.saveName())}.svg`, await this.saveSVG(), 'image/svg+xml'),
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
      button('fit', 'toolbar.fit', () => this.fit()),
      this.#zoom,
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
