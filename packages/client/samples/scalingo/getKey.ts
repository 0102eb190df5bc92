import { createScalingoClient, NotFoundError } from "@openregions/client/scalingo";

const scalingo = createScalingoClient({ apiToken: process.env.SCALINGO_API_TOKEN });

try {
  const { data } = await scalingo.GET("/v1/keys/{id}", { params: { path: { id: "5ae1bb5b3de6ec000e5d0d9d" } } });
  // Only id, name and content are always there; fingerprint (MD5), created_at and owner usually are.
  console.log(data.key.name, data.key.fingerprint ?? "(no fingerprint)", data.key.owner?.username);
} catch (err) {
  // 404: {"resource": "key", "error": "not found"}, or the server's HTML page (then no resource)
  if (!(err instanceof NotFoundError)) throw err;
  console.log(`no such ${err.resource ?? "key"}`);
}
