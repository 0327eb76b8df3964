import { TongbanError } from '@tongban/engine';

/** A command named a case the store does not hold. */
export class CaseNotFoundError extends TongbanError {
  readonly code = 'NO_CASE';
  constructor(caseId: string) {
    super(`case ${caseId} does not exist: start it first, or check the case id`, { caseId });
  }
}

/** A start command named a definition that was never deployed, or named none. */
export class DefinitionNotFoundError extends TongbanError {
  readonly code = 'NO_DEFINITION';
  readonly hash: string | undefined;
  constructor(hash: string | undefined, caseId?: string) {
    super(
      hash === undefined
        ? 'a start command needs the definition hash to run on: pass { definitionHash }'
        : `definition ${hash} is not deployed: deploy it before starting cases on it`,
      caseId === undefined ? {} : { caseId },
    );
    this.hash = hash;
  }
}

/** Other writers kept changing the case; the command was retried and gave up. Safe to resend. */
export class ConcurrencyError extends TongbanError {
  readonly code = 'VERSION_CONFLICT';
  constructor(caseId: string, attempts: number) {
    super(`case ${caseId} changed under ${attempts} attempts in a row; send the command again`, { caseId });
  }
}

/** An idempotency key was sent again for a different case. */
export class IdempotencyKeyReusedError extends TongbanError {
  readonly code = 'IDEMPOTENCY_KEY_REUSED';
  readonly key: string;
  constructor(key: string, caseId: string, otherCaseId: string) {
    super(`idempotency key ${key} was already used for case ${otherCaseId}; use a fresh key`, { caseId });
    this.key = key;
  }
}

/**
 * The database refused one command of a group commit (see `GroupCommit`) with an error other than
 * a conflict: that command wrote nothing, the others of its group were written. `sqlState` is
 * PostgreSQL's error code.
 */
export class CommandWriteError extends TongbanError {
  readonly code = 'WRITE_FAILED';
  readonly sqlState: string;
  constructor(caseId: string, sqlState: string, message: string) {
    super(`writing a command of case ${caseId} failed: ${message} (SQLSTATE ${sqlState})`, { caseId });
    this.sqlState = sqlState;
  }
}

/**
 * The database answered in a shape this version does not expect: most often its schema is older
 * or newer than the code (migrations not applied). Nothing of the command was taken as written.
 */
export class StoreProtocolError extends TongbanError {
  readonly code = 'STORE_PROTOCOL';
  constructor(what: string, caseId?: string) {
    super(
      `${what}; check that the database was migrated to this version (tongban migrate)`,
      caseId === undefined ? {} : { caseId },
    );
  }
}

/**
 * A PGlite data directory is already open in another process (or its lock cannot be checked).
 * PGlite cannot share a directory: a second process's writes would be lost. `pid` and `host` name
 * the holder when the lock file says who it is.
 */
export class DataDirectoryLockedError extends TongbanError {
  readonly code = 'DATA_DIR_LOCKED';
  readonly pid: number | null;
  readonly host: string | null;
  readonly lockFile: string;
  constructor(dataDir: string, pid: number | null, host: string | null, lockFile: string) {
    super(
      pid === null
        ? `data directory ${dataDir} is locked by ${lockFile}, which does not say by whom (being written, or left by a crash): if no process uses the directory, delete that file and try again`
        : `data directory ${dataDir} is in use by process ${pid} on ${host}: one process at a time may open it; stop that process (or send your commands through it), or use PostgreSQL for several processes. If that process is gone, delete ${lockFile}`,
    );
    this.pid = pid;
    this.host = host;
    this.lockFile = lockFile;
  }
}

/**
 * An idempotency key was sent again with a different command than the one it was first used for.
 * The first command stands; the new one is not applied. Send a new command with a fresh key.
 */
export class IdempotencyKeyMismatchError extends TongbanError {
  readonly code = 'IDEMPOTENCY_KEY_MISMATCH';
  readonly key: string;
  constructor(key: string, caseId: string) {
    super(
      `idempotency key ${key} was already used for a different command on case ${caseId}; the first one was applied and this one was not: send it with a fresh key`,
      { caseId },
    );
    this.key = key;
  }
}

/** A hook did not finish one delivery in time: the attempt counts as failed and is retried later. */
export class HookTimeoutError extends TongbanError {
  readonly code = 'HOOK_TIMEOUT';
  constructor(hook: string, caseId: string, seq: number, timeoutMs: number) {
    super(
      `hook ${hook} did not finish delivering event ${seq} of case ${caseId} within ${timeoutMs} ms; it is retried with backoff (deliveryTimeoutMs sets the limit)`,
      { caseId },
    );
  }
}

/** A webhook answered other than 2xx (a redirect included: it is never followed); the attempt failed and is retried. */
export class WebhookRefusedError extends TongbanError {
  readonly code = 'WEBHOOK_REFUSED';
  readonly status: number;
  constructor(hook: string, url: string, status: number, detail: string, caseId: string) {
    super(`webhook ${hook}: ${url} answered ${status} ${detail}`, { caseId });
    this.status = status;
  }
}

/** An audit anchor file cannot be trusted: not an anchor, or its signature does not match the key. */
export class AnchorInvalidError extends TongbanError {
  readonly code = 'ANCHOR_INVALID';
  constructor(why: string) {
    super(`the audit anchor cannot be used: ${why}; check the file and the key (--key-file)`);
  }
}
