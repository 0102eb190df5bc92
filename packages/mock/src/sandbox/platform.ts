/**
 * The hooks through which one platform's particulars plug into the generic sandbox engine:
 * its error body, which credentials it accepts, the few rules it documents, and the
 * operations that are more than a collection (a token exchange, a login). A platform lives in
 * `src/platforms/<api name>.ts`; an API without one gets the generic behaviour.
 */
import type { JsonObject, SandboxRequest, SandboxResponse } from "./http-types.js";
import type { RequestProblem, ValidRequest } from "./request.js";
import type { Credential } from "./security.js";
import type { Collection, SandboxOperation, SpecModel } from "./spec-model.js";
import type { PrintedCredential } from "./credential.js";
import type { SandboxState, StateData } from "./state.js";

export interface SandboxSettings {
  /** Lifetime of the bearer a token exchange issues, in seconds. */
  readonly bearerTtlSeconds: number;
}

export interface SandboxContext {
  readonly model: SpecModel;
  readonly state: SandboxState;
  readonly settings: SandboxSettings;
  /** Where clients reach the sandbox (the Prism front), e.g. for a catalogue of endpoints. */
  readonly publicUrl: () => string;
}

/** Who a request acts for, as the platform's authentication decided. */
export interface Principal {
  readonly subject: string;
  readonly credential: Credential;
  readonly [key: string]: unknown;
}

export type AuthOutcome = { readonly principal: Principal } | { readonly refused: SandboxResponse };

export type ErrorKind = "unauthorized" | "forbidden" | "not-found" | "method-not-allowed" | "invalid" | "conflict";

export interface PlatformError {
  readonly kind: ErrorKind;
  readonly status: number;
  readonly message: string;
  /** Per-field problems of an invalid request. */
  readonly problems?: readonly RequestProblem[];
  /** The kind of resource that was not found (`token`, `key`). */
  readonly resource?: string;
  readonly operation?: SandboxOperation;
}

export interface HandlerInput {
  readonly operation: SandboxOperation;
  readonly request: SandboxRequest;
  readonly valid: ValidRequest;
  /** Undefined for an anonymous call. */
  readonly principal: Principal | undefined;
  readonly context: SandboxContext;
}

/** Answers an operation; `undefined` hands it to the generic behaviour. */
export type OperationHandler = (input: HandlerInput) => SandboxResponse | undefined;

export type { PrintedCredential } from "./credential.js";

export interface Platform {
  /** The platform's error answer for a status. */
  error(error: PlatformError): SandboxResponse;
  /** Decides whether one presented credential is valid; refusals carry the platform's 401/403. */
  authenticate(credential: Credential, operation: SandboxOperation, context: SandboxContext, request: SandboxRequest): AuthOutcome;
  /** Adds what the platform keeps (accounts, the example credentials) to the seed, at start and after a reset. */
  seed?(data: StateData, context: Omit<SandboxContext, "state">): void;
  /** Fills or checks an item before it is stored; a response refuses the creation. */
  beforeCreate?(collection: Collection, item: JsonObject, input: HandlerInput): SandboxResponse | undefined;
  /** Finds an item by the item path's parameter when the platform accepts more than the id (a name). */
  matches?(collection: Collection, item: JsonObject, param: string): boolean;
  /** Operations answered by the platform itself, by `operationId`. */
  readonly handlers?: Readonly<Record<string, OperationHandler>>;
  /** Called after an item is deleted (deleting an API token revokes what it issued). */
  afterDelete?(collection: Collection, item: JsonObject, input: HandlerInput): void;
  /** The credentials the sandbox accepts out of the box, to print and document. */
  credentials(context: SandboxContext): readonly PrintedCredential[];
  /** Request headers that satisfy each security scheme with those credentials, by scheme name. */
  schemeHeaders(context: SandboxContext): Readonly<Record<string, Readonly<Record<string, string>>>>;
}
