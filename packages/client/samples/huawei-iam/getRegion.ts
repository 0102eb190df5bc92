import { createHuaweiIamClient } from "@openregions/client/huawei-iam";

// A token obtained elsewhere (for example with the createToken sample).
const iam = createHuaweiIamClient({ baseUrl: "https://iam.example.com", token: process.env.HUAWEI_IAM_AUTH_TOKEN ?? "" });

const region = await iam.getRegion("cn-north-1");
console.log(region.id, region.parent_region_id ?? "(top level)", region.locales?.["en-us"] ?? "");
