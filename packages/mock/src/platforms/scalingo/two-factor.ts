/**
 * Scalingo's two-factor authentication in the sandbox: enrol (`POST /v1/client/tfa`), validate
 * with a code (`POST /v1/client/tfa/validate`, which turns it on), read, and disable. While it
 * is on, the login asks for `X-Authorization-OTP`. The sandbox has no authenticator app: the
 * codes it accepts are the ones the spec's examples show (the OTP header's example and the
 * validation's example attempts), printed by `npm start`.
 */
import { isObject, type JsonObject, type SandboxResponse } from "../../sandbox/http-types.js";
import type { HandlerInput, OperationHandler } from "../../sandbox/platform.js";
import type { SpecModel } from "../../sandbox/spec-model.js";
import { mediaExamples } from "../../sandbox/spec-model.js";
import { deref } from "@openregions/apis/portable";

export interface TwoFactorState {
  enabled: boolean;
  /** Enrolment started, not validated yet. */
  pending: boolean;
}

/** Every one-time code the spec's examples show: the accepted ones. */
export function exampleCodes(model: SpecModel): string[] {
  const codes = new Set<string>();
  for (const operation of model.operations) {
    for (const parameter of operation.parameters) if (parameter.name === "X-Authorization-OTP" && parameter.schema?.["example"] !== undefined) codes.add(String(parameter.schema["example"]));
    const body = deref<JsonObject | undefined>(model.spec, operation.info.operation["requestBody"]);
    const content = deref<JsonObject | undefined>(model.spec, body?.["content"]);
    for (const media of Object.values(content ?? {})) {
      for (const example of mediaExamples(model.spec, deref<JsonObject>(model.spec, media))) {
        const attempt = isObject(example) && isObject(example["tfa"]) ? example["tfa"]["attempt"] : undefined;
        if (attempt !== undefined) codes.add(String(attempt));
      }
    }
  }
  return [...codes];
}

interface TwoFactorHooks {
  state(input: HandlerInput): TwoFactorState;
  codes(input: HandlerInput): readonly string[];
  /** Keeps the account's `flags.tfa_enabled` in step. */
  setEnabled(input: HandlerInput, enabled: boolean): void;
  error(status: number, message: string): SandboxResponse;
}

/** The tfa object of the operation's example answer, with `enabled` and `provider` from the state. */
function tfaAnswer(input: HandlerInput, state: TwoFactorState, extra: JsonObject = {}): SandboxResponse {
  const examples = input.operation.successExamples.filter(isObject);
  const example = examples.find((candidate) => isObject(candidate["tfa"]) && candidate["tfa"]["enabled"] === state.enabled) ?? examples[0] ?? { tfa: {} };
  const tfa = { ...(example["tfa"] as JsonObject), ...extra };
  if ("enabled" in tfa) tfa["enabled"] = state.enabled;
  if ("provider" in tfa) tfa["provider"] = state.enabled ? "totp" : null;
  if (isObject(tfa["user"])) tfa["user"] = { ...tfa["user"], enabled: state.enabled, provider: state.enabled ? "totp" : null };
  return { status: input.operation.successStatus, body: { ...example, tfa } };
}

const attemptOf = (body: unknown): string | undefined => {
  const attempt = isObject(body) && isObject(body["tfa"]) ? body["tfa"]["attempt"] : undefined;
  return attempt === undefined ? undefined : String(attempt);
};

export function twoFactorHandlers(model: SpecModel, hooks: TwoFactorHooks): Record<string, OperationHandler> {
  const at = (method: string, path: string) => model.operations.find((operation) => operation.info.method === method && operation.info.path === path)?.operationId;
  const handlers: Record<string, OperationHandler> = {};
  const add = (operationId: string | undefined, handler: OperationHandler) => {
    if (operationId) handlers[operationId] = handler;
  };
  add(at("get", "/v1/client/tfa"), (input) => tfaAnswer(input, hooks.state(input)));
  add(at("post", "/v1/client/tfa"), (input) => {
    const state = hooks.state(input);
    if (state.enabled) return hooks.error(400, "2fa already enabled");
    const provider = isObject(input.valid.body) && isObject(input.valid.body["tfa"]) ? input.valid.body["tfa"]["provider"] : "totp";
    if (provider !== undefined && provider !== "totp") return hooks.error(400, "invalid provider");
    state.pending = true;
    return tfaAnswer(input, state);
  });
  add(at("post", "/v1/client/tfa/validate"), (input) => {
    const state = hooks.state(input);
    if (state.enabled) return hooks.error(400, "2fa already enabled");
    if (!state.pending) return hooks.error(400, "otp not created");
    if (!hooks.codes(input).includes(attemptOf(input.valid.body) ?? "")) return hooks.error(400, "unable to validate otp attempt");
    state.enabled = true;
    state.pending = false;
    hooks.setEnabled(input, true);
    return tfaAnswer(input, state);
  });
  add(at("delete", "/v1/client/tfa"), (input) => {
    const state = hooks.state(input);
    if (!state.enabled) return hooks.error(400, "2fa not enabled for this account");
    const attempt = attemptOf(input.valid.body);
    if (attempt !== undefined && !hooks.codes(input).includes(attempt)) return hooks.error(400, "unable to validate otp attempt");
    state.enabled = false;
    hooks.setEnabled(input, false);
    return tfaAnswer(input, state);
  });
  return handlers;
}
