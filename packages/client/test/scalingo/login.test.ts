import { describe, expect, it } from "vitest";
import {
  createApiToken,
  OtpRequiredError,
  PaymentRequiredError,
  UnauthorizedError,
  UnprocessableEntityError,
  type ScalingoTokenWithSecret,
} from "../../src/scalingo.js";
import { AUTH_URL, basic, fakeScalingo, json, TOKEN } from "./fake.js";

const CREATE = "POST /v1/tokens";
const LOGIN = { login: "john@doe.com", password: "correct horse battery staple" };

describe("Scalingo login: createApiToken", () => {
  it("sends Basic login:password and the rooted body, returns the token with its secret", async () => {
    const s = fakeScalingo();
    const token = await createApiToken({ authUrl: AUTH_URL, ...s.pipeline, ...LOGIN, name: "my laptop" });
    expect(token).toMatchObject({ id: TOKEN.id, token: expect.stringMatching(/^tk-us-/) });
    const [call] = s.callsTo(CREATE);
    expect(call!.headers.authorization).toBe(basic(LOGIN.login, LOGIN.password));
    expect(call!.headers["x-authorization-otp"]).toBeUndefined();
    expect(JSON.parse(call!.body)).toEqual({ token: { name: "my laptop" } });
    expect(s.count("POST /v1/tokens/exchange")).toBe(0);
  });

  it("sends the OTP in X-Authorization-OTP", async () => {
    const s = fakeScalingo();
    await createApiToken({ authUrl: AUTH_URL, ...s.pipeline, ...LOGIN, otp: " 123456 ", name: "ci" });
    expect(s.callsTo(CREATE)[0]!.headers["x-authorization-otp"]).toBe("123456");
  });

  it("401 OTP Required becomes OtpRequiredError (an UnauthorizedError), sent once; the CLI retries with the code", async () => {
    const s = fakeScalingo();
    s.on(CREATE, (request) =>
      request.headers.get("x-authorization-otp") === "654321" ? json(201, { token: { ...TOKEN, token: "tk-us-AFTERotpSECRET0123456789" } }) : json(401, { error: "OTP Required" }),
    );
    const options = { authUrl: AUTH_URL, ...s.pipeline, ...LOGIN, name: "laptop" };
    let token: ScalingoTokenWithSecret;
    try {
      token = await createApiToken(options);
    } catch (err) {
      expect(err).toBeInstanceOf(OtpRequiredError);
      expect(err).toBeInstanceOf(UnauthorizedError);
      expect(err).toMatchObject({ method: "POST", path: "/v1/tokens", status: 401, body: { error: "OTP Required" } });
      expect(s.count(CREATE)).toBe(1);
      token = await createApiToken({ ...options, otp: "654321" });
    }
    expect(token.token).toBe("tk-us-AFTERotpSECRET0123456789");
    expect(s.count(CREATE)).toBe(2);
  });

  it("a wrong password is an UnauthorizedError (not OTP), never replayed", async () => {
    const s = fakeScalingo();
    s.on(CREATE, () => json(401, { error: "invalid login or password" }));
    const err = await createApiToken({ authUrl: AUTH_URL, ...s.pipeline, ...LOGIN, name: "x" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnauthorizedError);
    expect(err).not.toBeInstanceOf(OtpRequiredError);
    expect(s.count(CREATE)).toBe(1);
  });

  it("client.createApiToken with login on a client that has an API token: Basic is sent, no exchange, a 401 is final", async () => {
    const s = fakeScalingo();
    const client = s.client();
    s.on(CREATE, () => json(401, { error: "OTP Required" }));
    await expect(client.createApiToken({ ...LOGIN, name: "x" })).rejects.toBeInstanceOf(OtpRequiredError);
    expect(s.count("POST /v1/tokens/exchange")).toBe(0);
    expect(s.callsTo(CREATE)[0]!.headers.authorization).toBe(basic(LOGIN.login, LOGIN.password));
    expect(s.count(CREATE)).toBe(1);
  });

  it("client.createApiToken without login uses the bearer", async () => {
    const s = fakeScalingo();
    const token = await s.client().createApiToken({ name: "deploys" });
    expect(token.name).toBe(TOKEN.name);
    expect(s.callsTo(CREATE)[0]!.headers.authorization).toBe(`Bearer ${s.bearers[0]}`);
  });

  it("a caller's own Authorization header on the typed POST is kept and not re-authenticated", async () => {
    const s = fakeScalingo();
    const client = s.client();
    s.on(CREATE, () => json(401, { error: "invalid login or password" }));
    await expect(
      client.POST("/v1/tokens", { headers: { Authorization: basic(LOGIN.login, LOGIN.password) }, body: { token: { name: "x" } } }),
    ).rejects.toBeInstanceOf(UnauthorizedError);
    expect(s.count(CREATE)).toBe(1);
    expect(s.count("POST /v1/tokens/exchange")).toBe(0);
  });

  it("402 and 422 are typed", async () => {
    const s = fakeScalingo();
    s.on(CREATE, (_r, n) =>
      n === 1
        ? json(402, { error: "Sorry, you need to verify your account", url: "https://my.scalingo.com/apps/billing" })
        : json(422, { errors: { name: ["can't be blank"] } }),
    );
    const options = { authUrl: AUTH_URL, ...s.pipeline, ...LOGIN, name: "x" };
    const payment = await createApiToken(options).catch((e: unknown) => e);
    expect(payment).toBeInstanceOf(PaymentRequiredError);
    expect(payment).toMatchObject({ name: "PaymentRequiredError", status: 402, url: "https://my.scalingo.com/apps/billing" });
    const err = await createApiToken(options).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnprocessableEntityError);
    expect((err as UnprocessableEntityError).fieldErrors).toEqual({ name: ["can't be blank"] });
    // both were sent with the login (HTTP Basic), never a bearer, and nothing was exchanged
    expect(s.callsTo(CREATE).map((c) => c.headers.authorization)).toEqual([basic(LOGIN.login, LOGIN.password), basic(LOGIN.login, LOGIN.password)]);
    expect(s.count("POST /v1/tokens/exchange")).toBe(0);
  });

  it("logs one redacted line per attempt and one when it gives up, never the password", async () => {
    const s = fakeScalingo();
    s.on(CREATE, () => json(401, { error: "invalid login or password" }));
    await createApiToken({ authUrl: AUTH_URL, ...s.pipeline, ...LOGIN, name: "x" }).catch(() => undefined);
    expect(s.logs.map(({ level, message, attempt, status }) => ({ level, message, attempt, status }))).toEqual([
      { level: "debug", message: "POST /v1/tokens → 401 Unauthorized in 0 ms", attempt: 1, status: 401 },
      { level: "debug", message: "POST /v1/tokens → 401 Unauthorized: invalid login or password (giving up after 1 attempt)", attempt: 1, status: 401 },
    ]);
    expect(JSON.stringify(s.logs)).not.toContain(LOGIN.password);
  });

  it("logs the retry of a refused connection, then the give-up after the last attempt", async () => {
    const s = fakeScalingo();
    s.on(CREATE, () => Promise.reject(Object.assign(new TypeError("fetch failed"), { cause: Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }) })));
    await createApiToken({ authUrl: AUTH_URL, ...s.pipeline, ...LOGIN, name: "x", retry: { maxRetries: 1 } }).catch(() => undefined);
    expect(s.logs.map(({ level, message, attempt }) => ({ level, message, attempt }))).toEqual([
      { level: "warn", message: "POST /v1/tokens → connection failed: connect ECONNREFUSED; retrying in 250 ms (retry 1/1)", attempt: 1 },
      { level: "debug", message: "POST /v1/tokens → connection failed: connect ECONNREFUSED (giving up after 2 attempts)", attempt: 2 },
    ]);
    expect(s.count(CREATE)).toBe(2);
  });

  it("validates its input", async () => {
    const s = fakeScalingo();
    await expect(createApiToken({ authUrl: AUTH_URL, ...s.pipeline, login: "", password: "x", name: "n" })).rejects.toThrow(TypeError);
    await expect(createApiToken({ authUrl: AUTH_URL, ...s.pipeline, ...LOGIN, name: " " })).rejects.toThrow(/name/);
    await expect(s.client().createApiToken({ name: "n", login: "john" })).rejects.toThrow(/login and password/);
    await expect(createApiToken({ authUrl: "http://auth.example.test", ...s.pipeline, ...LOGIN, name: "n" })).rejects.toThrow(/Refusing insecure/);
    expect(s.calls).toEqual([]);
  });
});
