/**
 * What the browser test runs inside Chromium: the three clients as a web app
 * ships them (esbuild bundles this file with the built `@openregions/client` for the browser).
 * Each run goes through the real auth flow against a Prism mock on another origin (CORS), and
 * reports plain data back to the test.
 */
import { ApiError, createScalingoClient, NotFoundError } from "@openregions/client/scalingo";
import { createHuaweiIamClient } from "@openregions/client/huawei-iam";
import { createRainbondClient } from "@openregions/client/rainbond";

export interface BrowserRun {
  scalingo: {
    user: string;
    regions: string[];
    api: string;
    exchanged: boolean;
    notFound: { name: string; typed: boolean; status: number | undefined; message: string };
    rawResponse: { isResponse: boolean; regions: number; bodyUsed: boolean; secondReadFails: boolean };
  };
  rainbond: { regions: string[]; region: string };
  huawei: { regions: string[]; version: string };
}

async function scalingo(authUrl: string, apiToken: string): Promise<BrowserRun["scalingo"]> {
  const client = createScalingoClient({ authUrl, apiToken, env: false, retry: false });
  const { data } = await client.GET("/v1/users/self");
  const regions = await client.listRegions();
  const { api } = await client.regionHosts("osc-fr1");

  let notFound: BrowserRun["scalingo"]["notFound"] | undefined;
  try {
    await client.GET("/v1/keys/{id}", { params: { path: { id: "5ae1bb5b3de6ec000e5d0d9d" } }, headers: { Prefer: "code=404" } });
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    notFound = { name: err.name, typed: err instanceof NotFoundError, status: err.status, message: err.message };
  }
  if (!notFound) throw new Error("GET /v1/keys/{id} with Prefer: code=404 did not throw");

  const raw = await client.fetch(new Request(`${authUrl}/v1/regions`));
  const body = (await raw.json()) as { regions: unknown[] };
  const secondReadFails = await raw.text().then(
    () => false,
    (err: unknown) => err instanceof TypeError,
  );

  return {
    user: data.user.username,
    regions: regions.map((region) => region.name),
    api,
    exchanged: (await client.bearer()).startsWith("eyJ"),
    notFound,
    rawResponse: { isResponse: raw instanceof Response, regions: body.regions.length, bodyUsed: raw.bodyUsed, secondReadFails },
  };
}

async function rainbond(baseUrl: string): Promise<BrowserRun["rainbond"]> {
  // the access key goes raw in Authorization, across origins
  const client = createRainbondClient({ baseUrl, accessKey: "3f9c0d2b7e4a41c8a0b6e5d7c2f1a9b4e8d03c6f", retry: false });
  const regions = await client.listRegions();
  const region = await client.getRegion("test");
  return { regions: regions.map((r) => r.region_name), region: `${region.region_name}: ${region.status}` };
}

async function huawei(baseUrl: string): Promise<BrowserRun["huawei"]> {
  const iam = createHuaweiIamClient({
    baseUrl,
    credentials: { username: "apiuser", password: "Example#Passw0rd", domain: "hcs_tenant01", project: "region_name2_project" },
    retry: false,
  });
  const regions = await iam.listRegions(); // logs in first: the token comes from the X-Subject-Token header
  const version = await iam.getVersion();
  return { regions: regions.map((region) => region.id), version: version.id };
}

const run = async (urls: { scalingo: string; rainbond: string; huawei: string }, apiToken: string): Promise<BrowserRun> => ({
  scalingo: await scalingo(urls.scalingo, apiToken),
  rainbond: await rainbond(urls.rainbond),
  huawei: await huawei(urls.huawei),
});

(globalThis as { runClients?: typeof run }).runClients = run;
