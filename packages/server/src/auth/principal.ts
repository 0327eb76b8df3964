import type { Actor } from '@tongban/engine';

/** The kinds of caller a token may name (claim `kind`). */
export const PRINCIPAL_KINDS = ['staff', 'officer', 'admin', 'supervisor', 'applicant'] as const;
export type PrincipalKind = (typeof PRINCIPAL_KINDS)[number];

/** Who is calling, read from a verified token and nothing else. */
export interface Principal {
  /** The person (claim `sub`). */
  readonly id: string;
  readonly kind: PrincipalKind;
  /** Staff's and officers' department (claim `department`); required for them. */
  readonly department: string | null;
}

/** The engine actor of a command sent by this caller: the token's, never the body's. */
export function actorOf(principal: Principal): Actor {
  return {
    id: principal.id,
    kind: principal.kind,
    ...(principal.department === null ? {} : { department: principal.department }),
  };
}

/** Callers who read every case (supervisors and administrators). */
export function readsEverything(principal: Principal): boolean {
  return principal.kind === 'supervisor' || principal.kind === 'admin';
}
