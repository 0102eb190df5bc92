/**
 * Credentials for the panels, from the spec's security schemes: a generic input per scheme
 * (Basic: user and password; bearer, API key: one value), and the API's hooks where its flow is
 * special (see ../model.ts): a fixed Basic user, or a credential obtained by calling an operation
 * (Scalingo's exchange, Huawei IAM's password login). Obtained credentials are kept per target.
 */
import type { BodyField, SchemeHook } from "../model.js";
import type { Answer, OutgoingRequest, Target } from "./http.js";
import { atPointer, requestBody, requirements, setAtPointer, type BundledSpec, type OperationInfo } from "./spec.js";
import type { Store } from "./store.js";

interface SecurityScheme {
  readonly type: string;
  readonly scheme?: string;
  readonly in?: string;
  readonly name?: string;
}

/** One input a reader fills in for a scheme. */
export interface CredentialInput {
  readonly key: string;
  readonly label: string;
  readonly secret: boolean;
  readonly initial: string;
}

/** What applying a requirement gives: the credentials to send, or the answer that refused to issue them. */
export type Applied =
  | { readonly ok: true; readonly headers: Record<string, string>; readonly query: Record<string, string>; readonly notes: string[]; readonly obtained: boolean }
  | { readonly ok: false; readonly operation: OperationInfo; readonly answer: Answer; readonly notes: string[] };

export type Sender = (request: OutgoingRequest) => Promise<Answer>;

const OBTAINED = "obtained:";
const EXPIRY_MARGIN_SECONDS = 60;

/** Seconds left before a JWT's `exp`, or undefined for anything that is not a JWT with one. */
function jwtSecondsLeft(token: string): number | undefined {
  const payload = token.split(".")[1];
  if (!payload) return undefined;
  try {
    const claims = JSON.parse(atob(payload.replace(/-/g, "+").replace(/_/g, "/"))) as { exp?: unknown };
    return typeof claims.exp === "number" ? claims.exp - Date.now() / 1000 : undefined;
  } catch {
    return undefined;
  }
}

export class Credentials {
  private readonly schemes: Record<string, SecurityScheme>;
  private readonly byId: Map<string, OperationInfo>;

  constructor(
    private readonly spec: BundledSpec,
    operations: readonly OperationInfo[],
    private readonly hooks: Readonly<Record<string, SchemeHook>>,
    private readonly store: Store,
  ) {
    this.schemes = (spec.components?.["securitySchemes"] ?? {}) as Record<string, SecurityScheme>;
    this.byId = new Map(operations.map((op) => [op.operationId, op]));
    // a new API token, password or login: the credentials obtained with the old ones are dropped
    store.onChange((key) => {
      if (key.startsWith(OBTAINED)) return;
      for (const name of Object.keys(this.schemes)) if (this.leafInputs(name).some((input) => input.key === key)) this.forget(name);
    });
  }

  label(name: string): string {
    return this.hooks[name]?.label ?? name;
  }

  /** The inputs a requirement needs, each once (the obtaining operations' own inputs included). */
  inputs(requirement: readonly string[]): CredentialInput[] {
    const inputs = requirement.flatMap((name) => this.leafInputs(name));
    return inputs.filter((input, i) => inputs.findIndex((other) => other.key === input.key) === i);
  }

  /** True when every input of the requirement has a value (or its credential was obtained already). */
  ready(requirement: readonly string[]): boolean {
    return this.inputs(requirement).every((input) => (this.store.get(input.key) ?? input.initial) !== "");
  }

  private leafInputs(name: string, depth = 0): CredentialInput[] {
    const scheme = this.schemes[name];
    const hook = this.hooks[name];
    if (!scheme || depth > 3) return [];
    const label = this.label(name);
    if (hook?.obtain) {
      const op = this.byId.get(hook.obtain.operationId);
      if (!op) return [];
      if (hook.obtain.fields) return hook.obtain.fields.map((field) => this.fieldInput(name, op, field));
      return this.firstRequirement(op).flatMap((inner) => this.leafInputs(inner, depth + 1));
    }
    if (scheme.type === "http" && scheme.scheme?.toLowerCase() === "basic") {
      if (hook?.basicUser !== undefined) return [{ key: name, label, secret: true, initial: "" }];
      return [
        { key: `${name}:user`, label: `${label}: user name`, secret: false, initial: "" },
        { key: `${name}:password`, label: `${label}: password`, secret: true, initial: "" },
      ];
    }
    return [{ key: name, label, secret: true, initial: "" }];
  }

  private fieldInput(name: string, op: OperationInfo, field: BodyField): CredentialInput {
    const example = requestBody(this.spec, op)?.examples[0]?.value;
    const value = field.secret || example === undefined ? undefined : atPointer(JSON.parse(example), field.pointer);
    return { key: `${name}:${field.pointer}`, label: field.label, secret: field.secret === true, initial: typeof value === "string" ? value : "" };
  }

  private firstRequirement(op: OperationInfo): string[] {
    return requirements(this.spec, op)[0] ?? [];
  }

  private value(input: CredentialInput): string {
    return this.store.get(input.key) ?? input.initial;
  }

  private obtainedKey(name: string, target: Target): string {
    return `${OBTAINED}${name}@${target.url}`;
  }

  /** Drops what was obtained for a scheme (on every target): the next call obtains it again. */
  forget(name: string): void {
    for (const key of this.store.keys()) if (key.startsWith(`${OBTAINED}${name}@`)) this.store.set(key, undefined);
  }

  /** Drops everything entered or obtained for every scheme of the page. */
  forgetAll(): void {
    for (const name of Object.keys(this.schemes)) {
      this.forget(name);
      for (const input of this.leafInputs(name)) this.store.set(input.key, input.initial || undefined);
    }
  }

  forgetObtained(requirement: readonly string[]): void {
    for (const name of requirement) if (this.hooks[name]?.obtain) this.forget(name);
  }

  /** The credentials of a requirement for a target: obtained first where a hook says how. */
  async apply(requirement: readonly string[], target: Target, sender: Sender, depth = 0): Promise<Applied> {
    const headers: Record<string, string> = {};
    const query: Record<string, string> = {};
    const notes: string[] = [];
    let obtained = false;
    for (const name of requirement) {
      const scheme = this.schemes[name];
      if (!scheme) continue;
      const hook = this.hooks[name];
      let value: string;
      if (hook?.obtain && depth < 3) {
        const got = await this.obtain(name, target, sender, depth);
        if (!got.ok) return { ...got, notes: [...notes, ...got.notes] };
        notes.push(...got.notes);
        value = got.value;
        obtained = true;
      } else if (scheme.type === "http" && scheme.scheme?.toLowerCase() === "basic") {
        const [user, password] = hook?.basicUser !== undefined ? [hook.basicUser, this.store.get(name) ?? ""] : [this.store.get(`${name}:user`) ?? "", this.store.get(`${name}:password`) ?? ""];
        if (user === "" && password === "") notes.push(`no ${this.label(name)} entered: sent without it`);
        else headers["Authorization"] = `Basic ${btoa(`${user}:${password}`)}`;
        continue;
      } else {
        value = this.store.get(name) ?? "";
      }
      if (value === "") {
        notes.push(`no ${this.label(name)} entered: sent without it`);
        continue;
      }
      if (scheme.type === "apiKey" && scheme.in === "query" && scheme.name) query[scheme.name] = value;
      else if (scheme.type === "apiKey" && scheme.in === "header" && scheme.name) headers[scheme.name] = value;
      else if (scheme.type === "http" && scheme.scheme && scheme.scheme.toLowerCase() !== "bearer") headers["Authorization"] = `${scheme.scheme} ${value}`;
      else headers["Authorization"] = `Bearer ${value}`;
    }
    return { ok: true, headers, query, notes, obtained };
  }

  private async obtain(name: string, target: Target, sender: Sender, depth: number): Promise<{ ok: true; value: string; notes: string[] } | { ok: false; operation: OperationInfo; answer: Answer; notes: string[] }> {
    const hook = this.hooks[name]!.obtain!;
    const key = this.obtainedKey(name, target);
    const kept = this.store.get(key);
    const left = kept === undefined ? undefined : jwtSecondsLeft(kept);
    if (kept !== undefined && (left === undefined || left > EXPIRY_MARGIN_SECONDS)) return { ok: true, value: kept, notes: [`${this.label(name)}: ${hook.describe} (kept for this tab)`] };
    const op = this.byId.get(hook.operationId);
    if (!op) throw new Error(`the spec has no operation ${hook.operationId} to obtain ${name} with`);
    const credentials = await this.apply(this.firstRequirement(op), target, sender, depth + 1);
    if (!credentials.ok) return credentials;
    const media = requestBody(this.spec, op);
    let body: string | undefined;
    if (media?.examples[0]) {
      const document = JSON.parse(media.examples[0].value) as unknown;
      for (const field of hook.fields ?? []) setAtPointer(document, field.pointer, this.store.get(`${name}:${field.pointer}`) ?? this.fieldInput(name, op, field).initial);
      body = JSON.stringify(document);
    }
    const answer = await sender({
      method: op.method.toUpperCase(),
      path: op.path,
      headers: { Accept: "application/json", ...(body !== undefined && media ? { "Content-Type": media.mediaType } : {}), ...credentials.headers },
      ...(body !== undefined ? { body } : {}),
    });
    const read = hook.read;
    const value = answer.status >= 200 && answer.status < 300 ? ("header" in read ? answer.headers.find(([header]) => header.toLowerCase() === read.header.toLowerCase())?.[1] : atPointer(answer.body, read.bodyPointer)) : undefined;
    if (typeof value !== "string" || value === "") return { ok: false, operation: op, answer, notes: credentials.notes };
    this.store.set(key, value);
    return { ok: true, value, notes: [`${this.label(name)}: ${hook.describe} just now`] };
  }
}
