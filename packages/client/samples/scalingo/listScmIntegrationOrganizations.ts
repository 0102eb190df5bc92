import { createScalingoClient } from "@openregions/client/scalingo";

const scalingo = createScalingoClient({ apiToken: process.env.SCALINGO_API_TOKEN });
const id = "5bb2e877-9e5c-a83f-8e0e-7c75eebf212c";

// One page, as the official JavaScript client asks for it.
const { data } = await scalingo.GET("/v1/scm_integrations/{id}/orgs", {
  params: { path: { id }, query: { page: 1, per_page: 20 } },
});
console.log(data.organizations.map((org) => org.login), data.meta?.pagination?.total_count);

// Every page: `paginate` follows meta.pagination.next_page until it is null.
for await (const org of scalingo.paginate("/v1/scm_integrations/{id}/orgs", { path: { id }, per_page: 50 })) {
  console.log(org.login, org.url);
}
