import { createScalingoClient } from "@openregions/client/scalingo";

const scalingo = createScalingoClient({ apiToken: process.env.SCALINGO_API_TOKEN });
const id = "5bb2e877-9e5c-a83f-8e0e-7c75eebf212c";

const { data } = await scalingo.GET("/v1/scm_integrations/{id}/branches", {
  params: { path: { id }, query: { repo_name: "john-diggle/example-repository" } },
});
console.log(data.branches.map((branch) => branch.name).join(", "));
