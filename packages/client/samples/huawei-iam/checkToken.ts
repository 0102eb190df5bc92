import { createHuaweiIamClient, NotFoundError } from "@openregions/client/huawei-iam";

// A token obtained elsewhere (for example with the createToken sample).
const token = process.env.HUAWEI_IAM_AUTH_TOKEN ?? "";
const iam = createHuaweiIamClient({ baseUrl: "https://iam.example.com", token });

// HEAD: 200 when valid, 404 (NotFoundError) when expired or revoked. Keystone operation: Huawei IAM may refuse it.
try {
  await iam.HEAD("/v3/auth/tokens", { params: { header: { "X-Subject-Token": token } } });
  console.log("the token is valid");
} catch (err) {
  if (!(err instanceof NotFoundError)) throw err;
  console.log("the token has expired or was revoked");
}
