/** What the designer keeps in localStorage while there is unsaved work. */
export interface Autosaved {
  readonly xml: string;
  readonly fileName: string;
  /** When it was kept, ms since the epoch. */
  readonly at: number;
}

const KEY = 'tongban.designer.autosave';

/** Keeps the work; a full or unavailable storage is not an error worth stopping the designer for. */
export function keep(work: Autosaved): boolean {
  try {
    localStorage.setItem(KEY, JSON.stringify(work));
    return true;
  } catch {
    return false;
  }
}

export function kept(): Autosaved | null {
  try {
    const raw = localStorage.getItem(KEY);
    if (raw === null) return null;
    const value = JSON.parse(raw) as Partial<Autosaved>;
    if (typeof value.xml !== 'string' || typeof value.fileName !== 'string' || typeof value.at !== 'number') {
      return null;
    }
    return { xml: value.xml, fileName: value.fileName, at: value.at };
  } catch {
    return null;
  }
}

export function forget(): void {
  try {
    localStorage.removeItem(KEY);
  } catch {
    // Nothing kept, nothing to forget.
  }
}

/**
 * A file name from the matter: its name, else its code, else the process name, with the
 * characters file systems refuse taken out. Null when the model names none.
 */
export function matterFileName(names: readonly (string | null | undefined)[]): string | null {
  for (const name of names) {
    const clean = [...(name ?? '')]
      .filter((c) => c >= ' ' && !'\\/:*?"<>|'.includes(c))
      .join('')
      .trim();
    if (clean !== '') return `${clean.slice(0, 80)}.bpmn`;
  }
  return null;
}
