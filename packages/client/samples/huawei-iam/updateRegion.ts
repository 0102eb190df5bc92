import { createHuaweiIamClient } from "@openregions/client/huawei-iam";

// A token obtained elsewhere (for example with the createToken sample).
const token = process.env.HUAWEI_IAM_AUTH_TOKEN ?? "";
const iam = createHuaweiIamClient({ baseUrl: "https://iam.example.com", token });

// Keystone region administration (an administrator's token); Huawei IAM may not expose it.
const { data } = await iam.PATCH("/v3/regions/{region_id}", {
  params: { path: { region_id: "RegionThree" } },
  body: { region: { description: "My subregion 3" } },
});
console.log(`${data.region.id}: ${data.region.description ?? ""}`);
