/** The named checks of `contract check`, each with the one line `--help` and the README show. */
import { CONFORMANCE_CHECKS } from "../conformance.js";

export const CHECKS = [
  ...CONFORMANCE_CHECKS,
  "negative_data_rejection",
  "positive_data_acceptance",
  "ignored_auth",
  "use_after_free",
  "ensure_resource_availability",
  "unsupported_method",
] as const;
export type CheckName = (typeof CHECKS)[number];

export const CHECK_DESCRIPTIONS: Readonly<Record<CheckName, string>> = {
  not_a_server_error: "no answer of any case is a 5xx",
  status_code_conformance: "every answer's status is documented for its operation",
  content_type_conformance: "every answer's content type is documented for its status, and a JSON body parses",
  response_headers_conformance: "every required response header is present, and documented headers match their schema",
  response_schema_conformance: "every answer's body validates against its documented schema",
  negative_data_rejection: "requests that break the request schema (wrong types, missing or extra fields, bounds crossed, bad query values) get a documented 4xx",
  positive_data_acceptance: "requests that satisfy the schema (the example, optional parameters, odd but valid text) are not refused as invalid (400, 415, 422)",
  ignored_auth: "every secured operation, sent without credentials and with wrong ones, gets 401 or 403",
  use_after_free: "after the delete a creation's links lead to, the resource's linked operations answer 404 (or 410)",
  ensure_resource_availability: "what a creation or login returns can be used: its links' operations answer 2xx, and its delete succeeds",
  unsupported_method: "where the spec documents 405 for a path, a method the path does not document gets 405 in the documented shape",
};

/** Parses `--checks a,b`: known names only. */
export function parseChecks(text: string | undefined): CheckName[] {
  if (text === undefined || text.trim() === "" || text.trim() === "all") return [...CHECKS];
  const names = text.split(",").map((name) => name.trim()).filter(Boolean);
  const unknown = names.filter((name) => !(CHECKS as readonly string[]).includes(name));
  if (unknown.length > 0) throw new Error(`unknown check${unknown.length > 1 ? "s" : ""} ${unknown.join(", ")} (checks: ${CHECKS.join(", ")})`);
  return [...new Set(names)] as CheckName[];
}
