import type { FastifyRequest } from 'fastify';
import { HttpProblem } from '../http/problem.js';
import type { Principal, PrincipalKind } from './principal.js';

/** The caller of an authenticated route (the auth hook has set it). */
export function callerOf(request: FastifyRequest): Principal {
  const principal = request.principal;
  if (principal === null) throw new HttpProblem('UNAUTHENTICATED', 'this route needs a bearer token');
  return principal;
}

/** The caller, refused with 403 unless their kind is one of `kinds`. */
export function requireKind(
  request: FastifyRequest,
  kinds: readonly PrincipalKind[],
  what: string,
): Principal {
  const principal = callerOf(request);
  if (!kinds.includes(principal.kind))
    throw new HttpProblem(
      'FORBIDDEN',
      `${what} is open to ${kinds.join(', ')}; this token is ${principal.kind}`,
    );
  return principal;
}
