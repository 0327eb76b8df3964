/**
 * What the console reads from the server (issue 18's routes). The server's JSON is read through
 * `normalize.ts`, the one place that knows its exact field names, so a renamed field is one edit.
 */

export type Light = 'green' | 'yellow' | 'red';
export type ActorKind = 'staff' | 'officer' | 'admin' | 'supervisor' | 'applicant';

/** The claims the console reads from its token (the server verifies it; the console only displays). */
export interface Claims {
  readonly sub: string;
  readonly kind: ActorKind;
  readonly department: string | null;
  readonly exp: number | null;
}

export interface TaskView {
  readonly taskId: string;
  readonly elementId: string;
  readonly name: string | null;
  readonly department: string | null;
  readonly role: string | null;
  readonly responsible: string | null;
  readonly openedAt: number | null;
  readonly dueAt: number | null;
  readonly lastDay: string | null;
  readonly light: Light | null;
  readonly remainingWorkingDays: number | null;
}

export interface BoardCase {
  readonly caseId: string;
  readonly matterCode: string | null;
  readonly status: string;
  /** Red when the case or any open task is overdue, else the case light. */
  readonly urgency: Light | null;
  readonly light: Light | null;
  readonly dueAt: number | null;
  readonly lastDay: string | null;
  readonly remainingWorkingDays: number | null;
  readonly leadDepartment: string | null;
  readonly region: readonly string[];
  readonly tasks: readonly TaskView[];
}

/** Open cases by urgency (`none`: no deadline light yet). */
export interface LightCounts {
  red: number;
  yellow: number;
  green: number;
  none: number;
}

/**
 * One page of the board: its rows, how many open cases match every filter (`total`), and how many
 * match by urgency with every filter but the light (`counts`, what the tiles show).
 */
export interface BoardPage {
  readonly items: readonly BoardCase[];
  readonly total: number;
  readonly counts: Readonly<LightCounts>;
}

export interface CaseView {
  readonly caseId: string;
  readonly matterCode: string | null;
  readonly status: string;
  readonly light: Light | null;
  readonly dueAt: number | null;
  readonly lastDay: string | null;
  readonly definitionHash: string | null;
  readonly processId: string | null;
  readonly tasks: readonly TaskView[];
  /** Materials the applicant handed in (名称), when the server shows them to this reader. */
  readonly materials: readonly string[];
  /** Lights of every task the case has had, by BPMN element id (for colouring the diagram). */
  readonly elementLights: Readonly<Record<string, Light | 'done'>>;
}

export interface CaseEvent {
  readonly seq: number | null;
  readonly type: string;
  readonly at: number;
  readonly taskId: string | null;
  readonly elementId: string | null;
  readonly department: string | null;
  readonly data: Readonly<Record<string, unknown>>;
}

export interface WorklistItem {
  readonly caseId: string;
  readonly matterCode: string | null;
  readonly caseLight: Light | null;
  readonly task: TaskView;
}

export interface StatisticsRow {
  readonly key: string | null;
  readonly received: number;
  readonly completed: number;
  readonly completedOnTime: number;
  readonly completedEarly: number;
  readonly overdue: number;
  readonly averageWorkingDaysUsed: number | null;
  readonly urges: number;
  readonly supervisions: number;
}

/** The applicant's view: nothing internal (no opinions, staff names or variables). */
export interface PublicCase {
  readonly caseId: string;
  readonly status: string;
  readonly matterName: string | null;
  readonly lastDay: string | null;
  readonly light: Light | null;
  readonly stages: readonly { readonly name: string; readonly light: Light | null }[];
}

/** A 督办 as the case's events tell it. */
export interface SupervisionOrder {
  readonly supervisionId: string;
  readonly department: string;
  readonly message: string;
  readonly dueAt: number | null;
  readonly answer: string | null;
  readonly overdue: boolean;
}

/** One server-sent event the console reacts to. */
export interface StreamEvent {
  readonly id: string | null;
  readonly type: string;
  readonly caseId: string | null;
  readonly data: Readonly<Record<string, unknown>>;
}
