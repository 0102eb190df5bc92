import { createHuaweiIamClient } from "@openregions/client/huawei-iam";

// A token obtained elsewhere (for example with the createToken sample).
const token = process.env.HUAWEI_IAM_AUTH_TOKEN ?? "";
const iam = createHuaweiIamClient({ baseUrl: "https://iam.example.com", token });

// Keystone region administration (an administrator's token); 409 while the region has children.
const { response } = await iam.DELETE("/v3/regions/{region_id}", { params: { path: { region_id: "RegionOneSubRegion" } } });
console.log(`removed (${response.status})`);
