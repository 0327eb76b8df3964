import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { DataDirectoryLockedError } from '../errors.js';

/** The lock file inside a PGlite data directory. */
export const LOCK_FILE = 'tongban.lock';

/** What a lock file holds: who owns the directory. */
interface LockOwner {
  readonly pid: number;
  readonly host: string;
  readonly since: string;
}

/**
 * One process per PGlite data directory. PGlite has no postmaster to keep a second process out: two
 * processes on one directory each run their own PostgreSQL over the same files, and whatever the
 * second one commits is lost when the first one writes its state back. So the store takes this lock
 * before PGlite opens the directory, and gives it back on close.
 *
 * The lock is a file created atomically (`O_CREAT | O_EXCL`): of two processes racing, exactly one
 * creates it. A lock whose process is gone (same host, `kill(pid, 0)` says no such process) is
 * stale and taken over; a lock of another host cannot be checked from here and is refused.
 */
export class DataDirectoryLock {
  readonly #path: string;
  readonly #mine: string;
  #held = true;

  private constructor(path: string, content: string) {
    this.#path = path;
    this.#mine = content;
  }

  /** Takes the lock of `dataDir` (creating the directory), or throws {@link DataDirectoryLockedError}. */
  static acquire(dataDir: string): DataDirectoryLock {
    mkdirSync(dataDir, { recursive: true });
    const path = join(dataDir, LOCK_FILE);
    const owner: LockOwner = { pid: process.pid, host: hostname(), since: new Date().toISOString() };
    const content = `${JSON.stringify(owner)}\n`;
    // Two rounds at most: the second after removing a stale lock.
    for (let round = 0; round < 2; round++) {
      if (createExclusive(path, content)) return new DataDirectoryLock(path, content);
      const holder = readOwner(path);
      if (holder === 'gone') continue; // released between our create and our read
      // Unreadable: being written by its creator this very moment, or left half-written by a crash.
      // Refused; an operator who knows no process uses the directory deletes the file.
      if (holder === 'unreadable') throw new DataDirectoryLockedError(dataDir, null, null, path);
      if (holder.host !== owner.host || isAlive(holder.pid))
        throw new DataDirectoryLockedError(dataDir, holder.pid, holder.host, path);
      takeOverStale(path, holder);
    }
    throw new DataDirectoryLockedError(dataDir, null, null, path);
  }

  /** Gives the lock back (only if the file is still ours). */
  release(): void {
    if (!this.#held) return;
    this.#held = false;
    try {
      if (readFileSync(this.#path, 'utf8') === this.#mine) unlinkSync(this.#path);
    } catch {
      // Already gone: nothing to give back.
    }
  }
}

function createExclusive(path: string, content: string): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'wx', 0o644);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    writeSync(fd, content);
  } finally {
    closeSync(fd);
  }
  return true;
}

function readOwner(path: string): LockOwner | 'gone' | 'unreadable' {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'gone';
    throw error;
  }
  try {
    const parsed = JSON.parse(text) as Partial<LockOwner>;
    if (typeof parsed.pid === 'number' && typeof parsed.host === 'string')
      return { pid: parsed.pid, host: parsed.host, since: String(parsed.since ?? '') };
  } catch {
    // fall through
  }
  return 'unreadable';
}

/** Whether a process of this host with this pid exists (EPERM: it exists, owned by another user). */
function isAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes a stale lock. Two processes may find the same stale lock at once; a guard file created
 * exclusively lets one of them remove it, and it re-reads the lock first, so that it never removes
 * a live lock created meanwhile by the other. The loser's exclusive create then fails and it
 * reports the winner as the holder.
 */
function takeOverStale(path: string, stale: LockOwner): void {
  const guard = `${path}.takeover`;
  if (!createExclusive(guard, `${process.pid}\n`)) {
    const guardPid = Number.parseInt(readFileSafe(guard), 10);
    if (Number.isInteger(guardPid) && isAlive(guardPid)) return; // another process is taking over
    unlinkSafe(guard); // left by a process that died taking over
    if (!createExclusive(guard, `${process.pid}\n`)) return;
  }
  try {
    const now = readOwner(path);
    if (now !== 'gone' && JSON.stringify(now) === JSON.stringify(stale)) unlinkSafe(path);
  } finally {
    unlinkSafe(guard);
  }
}

function readFileSafe(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

function unlinkSafe(path: string): void {
  try {
    unlinkSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}
