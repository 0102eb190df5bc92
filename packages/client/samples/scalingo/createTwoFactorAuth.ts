import { createScalingoClient } from "@openregions/client/scalingo";

const scalingo = createScalingoClient({ apiToken: process.env.SCALINGO_API_TOKEN });

// Step 1 of enrolment: load the otpauth:// URI (it holds the secret) into an authenticator app,
// then validate a first code with POST /v1/client/tfa/validate.
const { data } = await scalingo.POST("/v1/client/tfa", { body: { tfa: { provider: "totp" } } });
const secret = new URL(data.tfa.uri).searchParams.get("secret");
console.log(`enrolment started; secret of ${secret?.length ?? 0} characters, enabled: ${data.tfa.enabled}`);
