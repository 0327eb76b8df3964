import type { MessageKey } from '../i18n/messages.js';
import type { TbContext } from '../tb-context.js';
import { el, replaceChildren } from '../ui/dom.js';
import { type DeployedVersion, type ServerLink, ServerRefusal } from './link.js';
import type { ServerProblems } from './server-problems.js';

/** What the server panel needs from the page. */
export interface ServerPanelHost {
  readonly context: TbContext;
  readonly problems: ServerProblems;
  saveXML(): Promise<string>;
  open(xml: string, fileName: string): Promise<boolean>;
  confirmDiscard(): boolean;
  /** Keeps unsaved work (the next visit offers it back) before the tab goes to sign in. */
  keepWork(): Promise<void>;
  /** Brings the problems tab to the front. */
  showProblems(): void;
}

const KINDS = ['admin', 'staff', 'officer', 'supervisor', 'applicant'] as const;

/**
 * The designer on a `tongban serve`: who is signed in (the console's session), 从服务器打开 (the
 * deployed versions, each opened from the drawing it was deployed with) and 部署到服务器, whose
 * answer is shown in the page's language: the version and hash, or the server's diagnostics in the
 * problems tab, or why the server refused (only administrators deploy).
 */
export class ServerPanel {
  readonly toolbar: HTMLElement;
  readonly #link: ServerLink;
  readonly #host: ServerPanelHost;
  readonly #result: HTMLElement;
  readonly #dialog: HTMLElement;

  constructor(link: ServerLink, host: ServerPanelHost) {
    this.#link = link;
    this.#host = host;
    this.#result = el('span', { class: 'tb-server-result', 'data-testid': 'server-result', role: 'status' });
    this.#dialog = el('div', {
      class: 'tb-server-dialog',
      'data-testid': 'server-definitions',
      role: 'dialog',
      'aria-label': this.#t('server.definitions'),
    });
    this.#dialog.hidden = true;
    this.toolbar = el('span', { class: 'tb-server', 'data-testid': 'server' });
    this.render();
  }

  #t(key: MessageKey, params?: Readonly<Record<string, string | number>>): string {
    return this.#host.context.t(key, params);
  }

  #kind(kind: string): string {
    const known = KINDS.find((k) => k === kind);
    return known ? this.#t(`server.kind.${known}`) : kind;
  }

  /** The dialog listing the server's definitions (placed by the page over the canvas). */
  get dialog(): HTMLElement {
    return this.#dialog;
  }

  render(): void {
    const who = this.#link.who();
    const button = (action: string, key: MessageKey, onclick: () => void) =>
      el('button', { type: 'button', class: 'tb-button', 'data-action': action, onclick }, this.#t(key));
    replaceChildren(
      this.toolbar,
      who
        ? el(
            'span',
            { class: 'tb-server-user', 'data-testid': 'server-user', 'data-kind': who.kind },
            this.#t('server.signedIn', { kind: this.#kind(who.kind), sub: who.sub }),
          )
        : button('server-sign-in', 'server.signIn', () => void this.#signIn()),
      button('server-open', 'server.open', () => void this.showDefinitions()),
      button('server-deploy', 'server.deploy', () => void this.deploy()),
      this.#result,
    );
  }

  async #signIn(): Promise<void> {
    await this.#host.keepWork();
    this.#link.signIn();
  }

  #say(state: 'ok' | 'error' | 'busy', key: MessageKey, params?: Readonly<Record<string, string | number>>) {
    this.#result.dataset.state = state;
    this.#result.textContent = this.#t(key, params);
  }

  /** Says why the server refused, in the page's language. */
  #refused(error: unknown): void {
    if (!(error instanceof ServerRefusal)) {
      this.#say('error', 'server.unreachable', {
        message: error instanceof Error ? error.message : String(error),
      });
      return;
    }
    if (error.code === 'FORBIDDEN')
      this.#say('error', 'server.refused.FORBIDDEN', { kind: this.#kind(this.#link.who()?.kind ?? '') });
    else if (error.status === 401)
      this.#say('error', this.#link.who() ? 'server.refused.UNAUTHENTICATED' : 'server.refused.signIn');
    else this.#say('error', 'server.refused.other', { code: error.code, detail: error.message });
    this.#result.dataset.code = error.code;
    this.render();
  }

  /** Deploys the diagram as it stands; the answer goes to the toolbar and the problems tab. */
  async deploy(): Promise<void> {
    this.#host.problems.clear();
    delete this.#result.dataset.code;
    this.#say('busy', 'server.deploying');
    try {
      const deployed = await this.#link.deploy(await this.#host.saveXML());
      this.#say('ok', 'server.deployed', {
        processId: deployed.processId,
        version: deployed.version,
        hash: deployed.hash.slice(0, 12),
      });
      this.#result.dataset.hash = deployed.hash;
      this.#result.dataset.version = String(deployed.version);
      if (!this.#dialog.hidden) await this.showDefinitions();
    } catch (error) {
      if (error instanceof ServerRefusal && error.diagnostics.length > 0) {
        this.#host.problems.show(error.diagnostics);
        this.#host.showProblems();
        this.#say('error', 'server.diagnostics', { count: error.diagnostics.length });
        this.#result.dataset.code = error.code;
        return;
      }
      this.#refused(error);
    }
  }

  /** Lists the server's definitions, newest first, each with 打开 when its drawing is kept. */
  async showDefinitions(): Promise<void> {
    this.#dialog.hidden = false;
    const close = el(
      'button',
      { type: 'button', class: 'tb-button', 'data-action': 'server-close', onclick: () => this.hide() },
      this.#t('server.close'),
    );
    const heading = el('header', {}, el('h3', {}, this.#t('server.definitions')), close);
    replaceChildren(this.#dialog, heading, el('p', {}, this.#t('server.loading')));
    let versions: DeployedVersion[];
    try {
      versions = await this.#link.definitions();
    } catch (error) {
      this.hide();
      this.#refused(error);
      return;
    }
    if (versions.length === 0) {
      replaceChildren(this.#dialog, heading, el('p', {}, this.#t('server.none')));
      return;
    }
    const when = (at: number) =>
      new Date(at).toLocaleString(this.#host.context.language === 'zh' ? 'zh-CN' : 'en');
    const row = (v: DeployedVersion) =>
      el(
        'tr',
        { 'data-process-id': v.processId, 'data-version': v.version, 'data-hash': v.hash },
        el('td', {}, v.processId),
        el('td', {}, String(v.version)),
        el('td', {}, el('code', {}, v.hash.slice(0, 12))),
        el('td', {}, when(v.deployedAt)),
        el(
          'td',
          {},
          v.diagram
            ? el(
                'button',
                {
                  type: 'button',
                  class: 'tb-button',
                  'data-action': 'server-open-version',
                  onclick: () => void this.#open(v),
                },
                this.#t('server.openVersion'),
              )
            : this.#t('server.noDiagram'),
        ),
      );
    const head = el(
      'tr',
      {},
      ...(['server.process', 'server.version'] as const).map((k) => el('th', {}, this.#t(k))),
      el('th', {}, 'hash'),
      el('th', {}, this.#t('server.deployedAt')),
      el('th', {}),
    );
    replaceChildren(
      this.#dialog,
      heading,
      el('table', {}, el('thead', {}, head), el('tbody', {}, ...versions.map(row))),
    );
  }

  hide(): void {
    this.#dialog.hidden = true;
  }

  async #open(version: DeployedVersion): Promise<void> {
    if (!this.#host.confirmDiscard()) return;
    try {
      const xml = await this.#link.diagram(version.hash);
      this.hide();
      if (await this.#host.open(xml, `${version.processId}.bpmn`))
        this.#say('ok', 'server.opened', { processId: version.processId, version: version.version });
    } catch (error) {
      this.#refused(error);
    }
  }
}
