import type { Page } from 'playwright-core';

/** Interactions with the designer page, written the way a person works it: by clicks. */

export function shape(page: Page, id: string) {
  return page.locator(`.djs-element.djs-shape[data-element-id="${id}"]`);
}

/** Clicks a shape on the canvas (selecting it and opening its context pad). */
export async function clickShape(page: Page, id: string): Promise<void> {
  const box = await shape(page, id).boundingBox();
  if (!box) throw new Error(`shape ${id} is not on screen`);
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
}

/**
 * Selects a shape so that its context pad is open. Clicking an already selected shape toggles the
 * pad, and the first click after a palette drop can be taken by the drop, so click until both hold.
 */
export async function openContextPad(page: Page, id: string): Promise<void> {
  for (let attempt = 0; attempt < 4; attempt++) {
    await clickShape(page, id);
    const open = (await page.locator('.djs-context-pad.open').count()) > 0;
    if (open && (await selectedIds(page)).join() === id) return;
  }
  throw new Error(`could not open the context pad of ${id}`);
}

export async function contextPad(page: Page, action: string): Promise<void> {
  await page.locator(`.djs-context-pad.open .entry[data-action="${action}"]`).click();
}

export async function selectedIds(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const designer = (window as unknown as { tongban: { modeler: { get(name: string): unknown } } }).tongban;
    return (designer.modeler.get('selection') as { get(): { id: string }[] }).get().map((e) => e.id);
  });
}

/** Id of the single selected element. */
export async function selectedId(page: Page): Promise<string> {
  return page.evaluate(() => {
    const designer = (window as unknown as { tongban: { modeler: { get(name: string): unknown } } }).tongban;
    const selected = (designer.modeler.get('selection') as { get(): { id: string }[] }).get();
    if (selected.length !== 1) throw new Error(`expected one selected element, found ${selected.length}`);
    return selected[0]!.id;
  });
}

/** Appends a block after `sourceId` through its context pad and returns the new element's id. */
export async function append(page: Page, sourceId: string, action: string): Promise<string> {
  await openContextPad(page, sourceId);
  await contextPad(page, action);
  return selectedId(page);
}

/** Picks a palette entry, then clicks the canvas at (x, y) relative to the canvas' top left. */
export async function createFromPalette(page: Page, action: string, x: number, y: number): Promise<string> {
  await page.locator(`.djs-palette .entry[data-action="${action}"]`).click();
  const canvas = await page.locator('.tb-canvas').boundingBox();
  if (!canvas) throw new Error('canvas is not on screen');
  await page.mouse.move(canvas.x + x - 20, canvas.y + y - 20);
  await page.mouse.move(canvas.x + x, canvas.y + y, { steps: 5 });
  await page.mouse.click(canvas.x + x, canvas.y + y);
  return selectedId(page);
}

/** Connects two shapes with the context pad's connect tool. */
export async function connect(page: Page, sourceId: string, targetId: string): Promise<void> {
  await openContextPad(page, sourceId);
  await contextPad(page, 'connect');
  const box = await shape(page, targetId).boundingBox();
  if (!box) throw new Error(`shape ${targetId} is not on screen`);
  await page.mouse.move(box.x + box.width / 2 - 5, box.y + box.height / 2, { steps: 3 });
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
}

/** Turns the selected element into another type through the context pad's replace menu. */
export async function replaceWith(page: Page, id: string, entry: string): Promise<string> {
  await openContextPad(page, id);
  await contextPad(page, 'replace');
  await page.locator(`.djs-popup [data-id="${entry}"]`).click();
  return selectedId(page);
}

/** Selects the process itself by clicking empty canvas. */
export async function selectProcess(page: Page, x = 700, y = 520): Promise<void> {
  const canvas = await page.locator('.tb-canvas').boundingBox();
  if (!canvas) throw new Error('canvas is not on screen');
  await page.mouse.click(canvas.x + x, canvas.y + y);
}

/** Types into a properties panel text field (the panel debounces; wait for the model to change). */
export async function fillField(page: Page, entryId: string, value: string): Promise<void> {
  const input = page.locator(`#bio-properties-panel-${entryId}`);
  await input.fill(value);
  await input.press('Tab');
}

export async function selectField(page: Page, entryId: string, value: string): Promise<void> {
  await page.locator(`select#bio-properties-panel-${entryId}`).selectOption(value);
}

/** Waits until the live validation has finished for the current diagram. */
export async function validated(page: Page): Promise<'ok' | 'problems'> {
  const handle = await page.waitForFunction(() => {
    const state = document.body.dataset.validation;
    return state === 'ok' || state === 'problems' ? state : null;
  });
  return (await handle.jsonValue()) as 'ok' | 'problems';
}
