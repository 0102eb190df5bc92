import { createHuaweiIamClient } from "@openregions/client/huawei-iam";

// A token obtained elsewhere (for example with the createToken sample).
const token = process.env.HUAWEI_IAM_AUTH_TOKEN ?? "";
const iam = createHuaweiIamClient({ baseUrl: "https://iam.example.com", token });

// Validate a token (here our own): X-Auth-Token is added by the client, X-Subject-Token names the token to check.
const { data, response } = await iam.GET("/v3/auth/tokens", {
  params: { header: { "X-Subject-Token": token }, query: { nocatalog: "true" } },
});
console.log(`valid until ${data.token.expires_at}, issued to ${data.token.user.name}`, response.headers.get("X-Subject-Token") === token);
