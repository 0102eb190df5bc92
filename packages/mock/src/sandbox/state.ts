/**
 * The sandbox's state: one list of items per collection, the credentials it has issued
 * (sessions with an expiry), what a platform keeps of its own (accounts), and the clock.
 * Saved as one JSON file written to a temporary name and renamed, so a crash mid-write
 * leaves the previous file whole.
 */
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from "node:fs";
import type { JsonObject } from "./http-types.js";

export interface Session {
  /** Who the credential acts for (an account id). */
  readonly subject: string;
  /** Milliseconds since the epoch, on the sandbox clock. */
  readonly expiresAt: number;
  /** What the platform keeps with it (the API token it came from, the token's scope). */
  readonly data: JsonObject;
}

export interface StateData {
  collections: Record<string, JsonObject[]>;
  sessions: Record<string, Session>;
  platform: JsonObject;
  /** How far the sandbox clock is ahead of the machine's, in milliseconds. */
  clockOffsetMs: number;
  /** Counter behind generated ids that are not random. */
  counter: number;
}

export const STATE_VERSION = 1;

export class SandboxState {
  data: StateData;

  constructor(private readonly seed: () => StateData) {
    this.data = seed();
  }

  reset(): void {
    this.data = this.seed();
  }

  now(): number {
    return Date.now() + this.data.clockOffsetMs;
  }

  advanceClock(seconds: number): void {
    this.data.clockOffsetMs += seconds * 1000;
  }

  items(collectionPath: string): JsonObject[] {
    this.data.collections[collectionPath] ??= [];
    return this.data.collections[collectionPath];
  }

  nextCounter(): number {
    this.data.counter += 1;
    return this.data.counter;
  }

  issue(token: string, session: Session): void {
    this.data.sessions[token] = session;
  }

  /** The session of a credential the sandbox issued, if it is known and not expired. */
  session(token: string): Session | undefined {
    const found = this.data.sessions[token];
    return found && found.expiresAt > this.now() ? found : undefined;
  }

  /** Whether the credential was issued but has expired (as opposed to never issued). */
  expired(token: string): boolean {
    const found = this.data.sessions[token];
    return found !== undefined && found.expiresAt <= this.now();
  }

  revoke(predicate: (session: Session, token: string) => boolean): number {
    let count = 0;
    for (const [token, session] of Object.entries(this.data.sessions)) {
      if (predicate(session, token)) {
        delete this.data.sessions[token];
        count += 1;
      }
    }
    return count;
  }

  snapshot(): StateData {
    return structuredClone(this.data);
  }

  restore(data: StateData): void {
    this.data = structuredClone(data);
  }
}

/** Writes the state to `file` atomically: a temporary file, flushed, then renamed over it. */
export function saveState(file: string, data: StateData): void {
  const temporary = `${file}.${process.pid}.tmp`;
  const descriptor = openSync(temporary, "w");
  try {
    writeSync(descriptor, JSON.stringify({ version: STATE_VERSION, ...data }));
    fsyncSync(descriptor);
  } finally {
    closeSync(descriptor);
  }
  renameSync(temporary, file);
}

/** Reads a saved state; undefined when the file does not exist, an error naming the file when it is unreadable. */
export function loadState(file: string): StateData | undefined {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
  let parsed: Partial<StateData> & { version?: number };
  try {
    parsed = JSON.parse(text) as typeof parsed;
  } catch (error) {
    throw new Error(`${file}: not a sandbox state file (${(error as Error).message}); move it away or pass another --state`);
  }
  if (parsed.version !== STATE_VERSION || typeof parsed.collections !== "object") {
    throw new Error(`${file}: not a sandbox state file of version ${STATE_VERSION}; move it away or pass another --state`);
  }
  return {
    collections: parsed.collections ?? {},
    sessions: parsed.sessions ?? {},
    platform: parsed.platform ?? {},
    clockOffsetMs: parsed.clockOffsetMs ?? 0,
    counter: parsed.counter ?? 0,
  };
}
