import { ApiError, createScalingoClient } from "@openregions/client/scalingo";

const scalingo = createScalingoClient({ apiToken: process.env.SCALINGO_API_TOKEN });

try {
  // Step 2 of enrolment: the code the authenticator app shows now (a number or a string of digits).
  const { data } = await scalingo.POST("/v1/client/tfa/validate", { body: { tfa: { attempt: "975037" } } });
  // The recovery codes are shown this once: store them offline.
  console.log(`two-factor authentication on: ${data.tfa.user.enabled}, ${data.tfa.codes.length} recovery codes`);
} catch (err) {
  // 400 {"error": "unable to validate otp attempt"} for a wrong code
  if (!(err instanceof ApiError) || err.status !== 400) throw err;
  console.log(err.message);
}
