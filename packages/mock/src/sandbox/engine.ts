/**
 * The stateful server behind Prism: each request goes route → authenticate → validate →
 * answer, each step a small function with one outcome. Platform particulars come in through
 * the `Platform` hooks; everything else is read from the bundled spec.
 */
import { createSpecValidator, type SpecValidator } from "@openregions/apis/portable";
import { collectionResponse } from "./collections.js";
import type { SandboxRequest, SandboxResponse } from "./http-types.js";
import type { HandlerInput, Platform, Principal, SandboxContext } from "./platform.js";
import { checkRequest, type RequestProblem, type ValidRequest } from "./request.js";
import { presentedCredentials } from "./security.js";
import type { RouteMatch, SandboxOperation } from "./spec-model.js";

export interface Engine {
  handle(request: SandboxRequest): SandboxResponse;
}

type Step<T> = { readonly next: T } | { readonly answer: SandboxResponse };

function routeStep(context: SandboxContext, platform: Platform, request: SandboxRequest): Step<RouteMatch> {
  const found = context.model.route(request.method, request.path);
  if ("operation" in found) return { next: found };
  if ("methodNotAllowed" in found) {
    const answer = platform.error({ kind: "method-not-allowed", status: 405, message: `${request.method} is not allowed here (${found.methodNotAllowed.join(", ")})` });
    return { answer: { ...answer, headers: { ...answer.headers, allow: found.methodNotAllowed.join(", ") } } };
  }
  return { answer: platform.error({ kind: "not-found", status: 404, message: `no such path: ${request.path}` }) };
}

function authenticateStep(context: SandboxContext, platform: Platform, operation: SandboxOperation, request: SandboxRequest): Step<Principal | undefined> {
  const presented = presentedCredentials(context.model.spec, operation.security, request);
  if ("anonymous" in presented) return { next: undefined };
  if ("missing" in presented) {
    return { answer: platform.error({ kind: "unauthorized", status: 401, message: "credentials are missing", operation }) };
  }
  let principal: Principal | undefined;
  for (const credential of presented.credentials) {
    const outcome = platform.authenticate(credential, operation, context, request);
    if ("refused" in outcome) return { answer: outcome.refused };
    principal ??= outcome.principal;
  }
  return { next: principal };
}

/** The documented status for an invalid request: the one the operation lists for its kind of problem. */
function invalidStatus(operation: SandboxOperation, problems: readonly RequestProblem[]): number {
  const documented = new Set(operation.documentedStatuses);
  const kinds = new Set(problems.map((problem) => problem.kind));
  const preference = kinds.has("media-type") ? [415, 400, 422] : kinds.has("malformed") || kinds.has("parameter") ? [400, 422] : [422, 400];
  return preference.find((status) => documented.has(status)) ?? 400;
}

function validateStep(platform: Platform, validator: SpecValidator, match: RouteMatch, request: SandboxRequest): Step<ValidRequest> {
  const checked = checkRequest(validator, match.operation, request, match.params);
  if ("ok" in checked) return { next: checked.ok };
  const status = invalidStatus(match.operation, checked.problems);
  const message = checked.problems.map((problem) => problem.message).join("; ");
  return { answer: platform.error({ kind: "invalid", status, message, problems: checked.problems, operation: match.operation }) };
}

/** The spec's own example answer, for an operation that neither a collection nor the platform models. */
function exampleAnswer(operation: SandboxOperation): SandboxResponse {
  return { status: operation.successStatus, headers: operation.successHeaders, body: operation.successExample };
}

/** The documented refusal of an operation the server never serves: 405 where documented. */
function neverServed(platform: Platform, operation: SandboxOperation): SandboxResponse {
  const refusals = operation.documentedStatuses.filter((status) => status >= 400 && status !== 401 && status !== 403);
  const status = refusals.includes(405) ? 405 : (refusals[0] ?? 405);
  return platform.error({ kind: "method-not-allowed", status, message: `${operation.info.method.toUpperCase()} is not served here`, operation });
}

function answerStep(platform: Platform, input: HandlerInput): SandboxResponse {
  if (!input.operation.servesSuccess) return neverServed(platform, input.operation);
  const own = platform.handlers?.[input.operation.operationId]?.(input) ?? collectionResponse(input, platform);
  if (own) return own;
  const get = input.operation.info.method === "head" ? input.context.model.operations.find((candidate) => candidate.info.method === "get" && candidate.info.path === input.operation.info.path) : undefined;
  if (get) return withoutBody(answerStep(platform, { ...input, operation: get }), input.operation);
  return exampleAnswer(input.operation);
}

/** A HEAD answers what the GET of its path answers, headers only, with the HEAD's own success status. */
function withoutBody(answer: SandboxResponse, head: SandboxOperation): SandboxResponse {
  const status = answer.status < 300 ? head.successStatus : answer.status;
  return { status, ...(answer.headers ? { headers: answer.headers } : {}) };
}

export function createEngine(context: SandboxContext, platform: Platform): Engine {
  const validator = createSpecValidator(context.model.spec);
  return {
    handle(request) {
      const routed = routeStep(context, platform, request);
      if ("answer" in routed) return routed.answer;
      const { operation } = routed.next;
      const authenticated = authenticateStep(context, platform, operation, request);
      if ("answer" in authenticated) return authenticated.answer;
      const validated = validateStep(platform, validator, routed.next, request);
      if ("answer" in validated) return validated.answer;
      return answerStep(platform, { operation, request, valid: validated.next, principal: authenticated.next, context });
    },
  };
}
