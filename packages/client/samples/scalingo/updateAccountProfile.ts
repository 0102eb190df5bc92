import { createScalingoClient } from "@openregions/client/scalingo";

const scalingo = createScalingoClient({ apiToken: process.env.SCALINGO_API_TOKEN });

// The route the Go client uses to change the email address or the password.
const { data } = await scalingo.PATCH("/v1/account/profile", { body: { user: { email: "john@doe.com" } } });
console.log(`email of ${data.user.username}: ${data.user.email}`);
