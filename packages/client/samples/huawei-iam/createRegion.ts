import { createHuaweiIamClient } from "@openregions/client/huawei-iam";

// A token obtained elsewhere (for example with the createToken sample).
const token = process.env.HUAWEI_IAM_AUTH_TOKEN ?? "";
const iam = createHuaweiIamClient({ baseUrl: "https://iam.example.com", token });

// Keystone region administration (an administrator's token); Huawei IAM may not expose it.
const { data } = await iam.POST("/v3/regions", {
  body: { region: { id: "RegionOneSubRegion", parent_region_id: "RegionOne", description: "My subregion" } },
});
console.log(`created ${data.region.id} under ${data.region.parent_region_id ?? "(top level)"}`);
