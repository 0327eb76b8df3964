import type { TemplateResult } from 'lit-html';

/** One screen: a template to draw and what to stop when the screen is left. */
export interface View {
  template(): TemplateResult;
  /** Full-screen views (the hall display) draw without the console's header. */
  readonly bare?: boolean;
  dispose(): void;
}

export interface ViewContext {
  /** Draw the current screen again (after its state changed). */
  readonly rerender: () => void;
  readonly navigate: (hash: string) => void;
}
