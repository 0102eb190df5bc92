import type { SchemeHook } from "./try-it/model.js";

/**
 * Per-API prose that a spec cannot say by itself. Optional: an API without an entry gets a
 * generic text derived from its security schemes (see auth.ts), so a new API needs none.
 */
export interface ApiGuide {
  /** One plain sentence for the index: how a caller authenticates. `code` spans allowed. */
  readonly auth: string;
  /** Markdown for "Getting started → Authenticate": from nothing to an authenticated call. */
  readonly authenticate: string;
  /** curl flags that send a security scheme's credentials, by scheme name, when the generic ones don't fit. */
  readonly curlCredentials?: Readonly<Record<string, string>>;
  /** How the "Try it" panels get a scheme's credentials, by scheme name, when the generic input does not fit. */
  readonly tryIt?: Readonly<Record<string, SchemeHook>>;
}

export const guides: Readonly<Record<string, ApiGuide>> = {
  scalingo: {
    auth: "Exchange your API token for a bearer valid one hour, then send it as `Authorization: Bearer <bearer>`.",
    authenticate: `1. Create an **API token** (\`tk-us-…\`) in the dashboard, or with *Create an API token*, and
   keep it in \`SCALINGO_API_TOKEN\`. It never expires; the only thing it can do is the exchange.
2. **Exchange** it for a **bearer** (*Exchange an API token for a bearer*): HTTP Basic with an empty
   user name and the API token as password (\`curl -u ":$SCALINGO_API_TOKEN"\`). Keep the \`token\` of
   the answer in \`SCALINGO_BEARER\`.
3. Send \`Authorization: Bearer $SCALINGO_BEARER\` on every other call. The bearer is valid for
   **one hour** (its \`exp\` claim): exchange again a few minutes before it expires.

With the TypeScript client, \`createScalingoClient({ apiToken })\` does steps 2 and 3 for you: one
exchange shared by concurrent calls, a new one 5 minutes before \`exp\`, and one more after a 401.`,
    curlCredentials: {
      apiToken: `-u ":$SCALINGO_API_TOKEN"`,
      login: `-u "$SCALINGO_LOGIN:$SCALINGO_PASSWORD"`,
    },
    tryIt: {
      apiToken: { label: "API token (tk-us-…)", basicUser: "" },
      login: { label: "Login" },
      bearer: { label: "Bearer", obtain: { operationId: "exchangeToken", read: { bodyPointer: "/token" }, describe: "the API token exchanged for a bearer" } },
    },
  },
  rainbond: {
    auth: "Send your personal access key, raw, as the whole `Authorization` header (no `Bearer` prefix).",
    authenticate: `1. Create a **personal access key** in the console's personal settings (40 hexadecimal
   characters) and keep it in \`RAINBOND_ACCESS_KEY\`. Region administration needs the key of an
   **enterprise administrator**.
2. Send it **raw** as the whole header: \`Authorization: $RAINBOND_ACCESS_KEY\`, with no \`Bearer\` or
   \`Token\` word. There is nothing to exchange or refresh: the key works until it is deleted.
3. Every console has its own host: replace \`console.rainbond.example\` with yours (often
   \`http://<ip>:7070\` on a trial install; put it behind TLS before sending a key over it).`,
    tryIt: { accessKey: { label: "Access key" }, manageToken: { label: "Management token (MANAGE_TOKEN)" } },
  },
  "huawei-iam": {
    auth: "Log in with a password (`POST /v3/auth/tokens`), read the token from the `X-Subject-Token` response header, and send it as `X-Auth-Token`.",
    authenticate: `1. **Log in** (*Log in with a password*, \`POST /v3/auth/tokens\`): an IAM user's name and password,
   the account (domain) it belongs to, and the project to scope the token to. No header is needed.
   Keep the password in \`HUAWEI_IAM_PASSWORD\`.
2. The answer is **201**: the token is **not in the body** but in the \`X-Subject-Token\` response
   header (\`curl -i\` shows it). Keep it in \`HUAWEI_IAM_AUTH_TOKEN\`.
3. Send it as \`X-Auth-Token: $HUAWEI_IAM_AUTH_TOKEN\` on the other calls. It is valid for **24 hours**;
   log in again before it expires. \`GET /v3\` needs no token.`,
    tryIt: {
      authToken: {
        label: "Token",
        obtain: {
          operationId: "createToken",
          fields: [
            { label: "User name", pointer: "/auth/identity/password/user/name" },
            { label: "Password", pointer: "/auth/identity/password/user/password", secret: true },
            { label: "Account (domain)", pointer: "/auth/identity/password/user/domain/name" },
            { label: "Project", pointer: "/auth/scope/project/name" },
          ],
          read: { header: "X-Subject-Token" },
          describe: "the password login's X-Subject-Token",
        },
      },
    },
  },
};
