/** The part of diagram-js' overlays service the designer uses (badges on shapes). */
export interface Overlays {
  /** Adds an overlay to an element (by id); returns the overlay's id. */
  add(
    element: string,
    type: string,
    overlay: { position: Record<string, number>; html: HTMLElement },
  ): string;
  /** An overlay by its id, or nothing once it is gone (its element deleted, a new diagram opened). */
  get(id: string): unknown;
  /** Removes an overlay by its id, or every overlay of a type. */
  remove(filter: string | { type: string }): void;
}
