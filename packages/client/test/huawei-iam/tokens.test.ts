import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { createHuaweiIamClient, ForbiddenError, HttpError, NotFoundError, type HuaweiIamToken } from "../../src/huawei-iam.js";
import { empty, failure, FakeClock, json, testPipeline, type Handler } from "../runtime/helpers.js";

const IAM = "https://iam.hcs.test";
const OWN = "MIIDkgYJ-OWN-TOKEN-CANARY-0123456789abcdefghij";
const SUBJECT = "MIIDkgYJ-SUBJECT-CANARY-0123456789abcdefghij";
const TOKEN: HuaweiIamToken = {
  methods: ["password"],
  issued_at: "2022-08-16T02:31:05.451000Z",
  expires_at: "2022-08-17T02:31:05.451000Z",
  user: { id: "9f0e1d2c", name: "apiuser", domain: { id: "0a6a61b0", name: "hcs_tenant01" } },
};

/** An IAM that knows OWN (the caller) and SUBJECT until it is revoked. */
function setup(override?: (request: Request) => Response | undefined) {
  let revoked = false;
  const handler: Handler = (request) => {
    const custom = override?.(request);
    if (custom) return custom;
    if (request.headers.get("x-auth-token") !== OWN) return json(401, { error: { code: 401, title: "Unauthorized", message: "no" } });
    const subject = request.headers.get("x-subject-token");
    if (subject !== SUBJECT || revoked) return request.method === "HEAD" ? empty(404) : json(404, { error: { code: 404, title: "Not Found", message: `Could not find token: ${subject}.` } });
    if (request.method === "DELETE") {
      revoked = true;
      return empty(204);
    }
    return request.method === "HEAD" ? empty(200, { "X-Subject-Token": SUBJECT }) : json(200, { token: TOKEN }, { "X-Subject-Token": SUBJECT });
  };
  const { options, calls, logs } = testPipeline(handler, new FakeClock());
  const client = createHuaweiIamClient({ baseUrl: IAM, token: OWN, ...options });
  return { client, calls, logs };
}

describe("Huawei IAM: validating, checking and revoking another token", () => {
  it("validateToken sends the subject in X-Subject-Token and the caller's token in X-Auth-Token, and returns the body's token", async () => {
    const { client, calls } = setup();
    const token = await client.validateToken(SUBJECT);
    expect(token).toEqual(TOKEN);
    expect(calls[0]).toMatchObject({ method: "GET", url: `${IAM}/v3/auth/tokens` });
    expect(calls[0]?.headers["x-subject-token"]).toBe(SUBJECT);
    expect(calls[0]?.headers["x-auth-token"]).toBe(OWN);
  });

  it("validateToken({ nocatalog: true }) asks for no catalogue", async () => {
    const { client, calls } = setup();
    await client.validateToken(SUBJECT, { nocatalog: true });
    expect(calls[0]?.url).toBe(`${IAM}/v3/auth/tokens?nocatalog=true`);
  });

  it("checkToken: true on 200, false on 404; revokeToken: DELETE, after which the token checks false and validates as NotFoundError", async () => {
    const { client, calls } = setup();
    expect(await client.checkToken(SUBJECT)).toBe(true);
    expect(await client.revokeToken(SUBJECT)).toBeUndefined();
    expect(await client.checkToken(SUBJECT)).toBe(false);
    expect(await failure(client.validateToken(SUBJECT))).toBeInstanceOf(NotFoundError);
    expect(calls.map((c) => c.method)).toEqual(["HEAD", "DELETE", "HEAD", "GET"]);
    expect(calls.every((c) => c.headers["x-subject-token"] === SUBJECT && c.headers["x-auth-token"] === OWN)).toBe(true);
  });

  it("checkToken throws the typed error of any other failure (403, a 405 where HEAD is not served)", async () => {
    const forbidden = setup(() => empty(403));
    expect(await failure(forbidden.client.checkToken(SUBJECT))).toBeInstanceOf(ForbiddenError);
    const notServed = setup(() => empty(405));
    const err = await failure(notServed.client.checkToken(SUBJECT));
    expect(err).toBeInstanceOf(HttpError);
    expect((err as HttpError).status).toBe(405);
  });

  it("the subject token is a registered secret: never in errors or log lines", async () => {
    const { client, logs } = setup((request) => (request.method === "DELETE" ? json(405, { error: { code: 405, title: "Method Not Allowed", message: `cannot revoke ${request.headers.get("x-subject-token")}` } }) : undefined));
    await client.validateToken(SUBJECT);
    const errors = [await failure(client.revokeToken(SUBJECT)), await failure(client.validateToken(`${SUBJECT}-other`))];
    for (const err of errors) {
      for (const rendering of [err.message, JSON.stringify(err), inspect(err, { depth: 10 }), JSON.stringify(logs)]) expect(rendering).not.toContain("CANARY");
    }
    expect(errors[0]?.message).toContain("[REDACTED]");
  });

  it("an empty subject token is a TypeError, and nothing is sent", async () => {
    const { client, calls } = setup();
    await expect(client.validateToken("")).rejects.toThrow(TypeError);
    await expect(client.checkToken(" ")).rejects.toThrow(TypeError);
    await expect(client.revokeToken(undefined as unknown as string)).rejects.toThrow(TypeError);
    expect(calls).toHaveLength(0);
  });
});
