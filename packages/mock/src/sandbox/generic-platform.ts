/**
 * The behaviour of an API that has no module under `src/platforms/`: any presented credential
 * is accepted (as Prism's mock does), and errors answer with the spec's own example for the
 * status.
 */
import { mediaExample } from "./spec-model.js";
import type { Platform, SandboxContext } from "./platform.js";
import type { SandboxResponse } from "./http-types.js";
import { deref } from "@openregions/apis/portable";

/** The spec's example body for one of an operation's documented statuses. */
export function documentedErrorExample(context: Pick<SandboxContext, "model">, operationResponses: Record<string, unknown> | undefined, status: number): unknown {
  const spec = context.model.spec;
  const response = deref<Record<string, unknown> | undefined>(spec, operationResponses?.[String(status)]);
  const content = deref<Record<string, unknown> | undefined>(spec, response?.["content"]);
  const media = content ? deref<Record<string, unknown>>(spec, Object.values(content)[0]) : undefined;
  return mediaExample(spec, media);
}

export function genericPlatform(context: Pick<SandboxContext, "model">): Platform {
  return {
    error(error): SandboxResponse {
      const responses = error.operation?.info.operation["responses"] as Record<string, unknown> | undefined;
      return { status: error.status, body: documentedErrorExample(context, responses, error.status) ?? { error: error.message } };
    },
    authenticate: (credential) => ({ principal: { subject: "anyone", credential } }),
    credentials: () => [],
    schemeHeaders: () => ({}),
  };
}
