import { createScalingoClient, NotFoundError } from "@openregions/client/scalingo";

const scalingo = createScalingoClient({ apiToken: process.env.SCALINGO_API_TOKEN });

try {
  const { data } = await scalingo.GET("/v1/keys/{id}", { params: { path: { id: "5ae1bb5b3de6ec000e5d0d9d" } } });
  console.log(data.key.name, data.key.fingerprint, data.key.owner.username);
} catch (err) {
  // 404 {"resource": "key", "error": "not found"}
  if (!(err instanceof NotFoundError)) throw err;
  console.log(`no such ${err.resource ?? "key"}`);
}
