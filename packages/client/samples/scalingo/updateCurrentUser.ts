import { createScalingoClient, UnprocessableEntityError } from "@openregions/client/scalingo";

const scalingo = createScalingoClient({ apiToken: process.env.SCALINGO_API_TOKEN });

try {
  // Only the fields sent change; the answer is the whole account.
  const { data } = await scalingo.PUT("/v1/users/account", { body: { user: { location: "Strasbourg", company: "Doe Industries" } } });
  console.log(`${data.user.username} now in ${data.user.location ?? "(no location)"}`);
} catch (err) {
  // 422 {"errors": {"username": ["has already been taken"]}}
  if (!(err instanceof UnprocessableEntityError)) throw err;
  console.log(err.message);
}
