import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { BadRequestError, InvalidResponseError } from "../../src/scalingo.js";
import { failure } from "../runtime/helpers.js";
import { fakeScalingo, json } from "./fake.js";

const UUID = "us-676bb0c1-1ca9-4682-8ee1-257422e9eab5";
const OTP_SECRET = "tqjc262xmnqhCANARYobifcyl";
const URI = `otpauth://totp/Scalingo:john@doe.com?secret=${OTP_SECRET}&issuer=Scalingo`;
const CODES = ["7c2f7b8eef39f6f0CANARYcf50c6cba10bc861e841a642474d0e1df3127757c33c99", "fdba714c148254297b68c73CANARYafc93bda56acb40bdc607cf713e03dbb32a04ad7"];

function setup() {
  const fake = fakeScalingo();
  let enabled = false;
  fake.on("GET /v1/client/tfa", () => json(200, { tfa: { id: UUID, uuid: UUID, enabled, provider: enabled ? "totp" : null } }));
  fake.on("POST /v1/client/tfa", () => json(201, { tfa: { id: UUID, uuid: UUID, enabled: false, provider: null, uri: URI } }));
  fake.on("POST /v1/client/tfa/validate", async (request) => {
    const body = (await request.json()) as { tfa: { attempt: unknown } };
    if (String(body.tfa.attempt) !== "123456") return json(400, { error: "unable to validate otp attempt" });
    enabled = true;
    return json(201, { tfa: { codes: CODES, user: { id: UUID, uuid: UUID, enabled: true, provider: "totp" } } });
  });
  fake.on("DELETE /v1/client/tfa", () => {
    if (!enabled) return json(400, { error: "2fa not enabled for this account" });
    enabled = false;
    return json(200, { tfa: { id: UUID, uuid: UUID, enabled: false, provider: null } });
  });
  return { fake, client: fake.client({ retry: false }) };
}

describe("Scalingo two-factor helpers", () => {
  it("status → enrol → validate → status → disable, each returning the tfa envelope's content", async () => {
    const { fake, client } = setup();
    expect(await client.twoFactor.status()).toEqual({ id: UUID, uuid: UUID, enabled: false, provider: null });
    const enrolment = await client.twoFactor.enrol();
    expect(enrolment.uri).toBe(URI);
    const validation = await client.twoFactor.validate("123456");
    expect(validation.codes).toEqual(CODES);
    expect(validation.user.enabled).toBe(true);
    expect((await client.twoFactor.status()).enabled).toBe(true);
    expect((await client.twoFactor.disable()).enabled).toBe(false);
    expect(fake.callsTo("POST /v1/client/tfa")[0]?.body).toBe('{"tfa":{"provider":"totp"}}');
    expect(fake.callsTo("POST /v1/client/tfa/validate")[0]?.body).toBe('{"tfa":{"attempt":"123456"}}');
    expect(fake.callsTo("DELETE /v1/client/tfa")[0]?.body).toBe("");
    expect(fake.callsTo("GET /v1/client/tfa")[0]?.headers.authorization).toMatch(/^Bearer /);
  });

  it("validate sends a numeric code as a number; disable sends a code only when given", async () => {
    const { fake, client } = setup();
    await client.twoFactor.enrol();
    await client.twoFactor.validate(123456);
    await client.twoFactor.disable({ code: 975037 });
    expect(fake.callsTo("POST /v1/client/tfa/validate")[0]?.body).toBe('{"tfa":{"attempt":123456}}');
    expect(fake.callsTo("DELETE /v1/client/tfa")[0]?.body).toBe('{"tfa":{"attempt":975037}}');
  });

  it("a refused code is a BadRequestError with Scalingo's message; an empty code is a TypeError and sends nothing", async () => {
    const { fake, client } = setup();
    const err = await failure(client.twoFactor.validate("000000"));
    expect(err).toBeInstanceOf(BadRequestError);
    expect(err.message).toBe("POST /v1/client/tfa/validate → 400 Bad Request: unable to validate otp attempt");
    await expect(client.twoFactor.validate(" ")).rejects.toThrow(TypeError);
    await expect(client.twoFactor.disable({ code: "" })).rejects.toThrow(TypeError);
    expect(fake.count("POST /v1/client/tfa/validate")).toBe(1);
    expect(fake.count("DELETE /v1/client/tfa")).toBe(0);
  });

  it("the enrolment URI, its secret and the recovery codes are registered secrets, also when the raw POST is used", async () => {
    const { fake, client } = setup();
    await client.POST("/v1/client/tfa", { body: { tfa: { provider: "totp" } } });
    await client.POST("/v1/client/tfa/validate", { body: { tfa: { attempt: 123456 } } });
    fake.on("GET /v1/users/self", () => json(500, { error: `boom ${OTP_SECRET} ${CODES.join(" ")} ${encodeURIComponent(URI)}` }));
    const err = await failure(client.GET("/v1/users/self"));
    for (const rendering of [err.message, JSON.stringify(err), inspect(err, { depth: 10 }), JSON.stringify(fake.logs)]) expect(rendering).not.toContain("CANARY");
    expect(err.message).toContain("[REDACTED]");
  });

  it("an answer without the tfa envelope is an InvalidResponseError", async () => {
    const { fake, client } = setup();
    fake.on("GET /v1/client/tfa", () => json(200, { enabled: true }));
    expect(await failure(client.twoFactor.status())).toBeInstanceOf(InvalidResponseError);
  });
});
