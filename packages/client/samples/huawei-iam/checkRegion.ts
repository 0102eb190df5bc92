import { createHuaweiIamClient, NotFoundError } from "@openregions/client/huawei-iam";

// A token obtained elsewhere (for example with the createToken sample).
const token = process.env.HUAWEI_IAM_AUTH_TOKEN ?? "";
const iam = createHuaweiIamClient({ baseUrl: "https://iam.example.com", token });

// HEAD: does the region exist? Keystone operation: Huawei IAM may refuse it.
const exists = await iam.HEAD("/v3/regions/{region_id}", { params: { path: { region_id: "RegionOne" } } }).then(
  () => true,
  (err: unknown) => {
    if (err instanceof NotFoundError) return false;
    throw err;
  },
);
console.log(`RegionOne ${exists ? "exists" : "does not exist"}`);
