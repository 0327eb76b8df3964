import type { CalendarRegistry } from '@tongban/engine';
import { defaultCalendarRegistry } from '@tongban/engine/calendar';
import type { DepartmentDirectory } from './departments.js';
import { type Language, type MessageKey, message } from './i18n/messages.js';

/**
 * Designer-wide state the bpmn-js modules read through the injector (`tbContext`): the interface
 * language and the department directory, which the user can replace while modeling.
 */
export class TbContext {
  readonly language: Language;
  #directory: DepartmentDirectory;
  /** The calendars models count on: the engine's, plus any agency overlay loaded in the page. */
  calendars: CalendarRegistry = defaultCalendarRegistry();
  /** Names of the overlays loaded, for the preview to say what it counts on. */
  overlays: string[] = [];
  readonly #listeners = new Set<() => void>();

  constructor(language: Language, directory: DepartmentDirectory) {
    this.language = language;
    this.#directory = directory;
  }

  get directory(): DepartmentDirectory {
    return this.#directory;
  }

  set directory(directory: DepartmentDirectory) {
    this.#directory = directory;
    for (const listener of this.#listeners) listener();
  }

  /** Called after the directory changes (the properties panel re-renders its pickers). */
  onDirectoryChange(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  t(key: MessageKey, params?: Readonly<Record<string, string | number>>): string {
    return message(this.language, key, params);
  }
}
