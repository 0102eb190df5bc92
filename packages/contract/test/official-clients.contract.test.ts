/**
 * The vendors' own clients work unchanged against the sandboxes for what they call: the
 * official Scalingo JavaScript client (`scalingo` on npm, exactly as published) and Debian's
 * OpenStack command-line client (keystoneauth: version discovery, password login, then the
 * catalogue's identity endpoint for the region calls). Zero response violations throughout.
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSandbox, type RunningSandbox } from "@openregions/mock";
import { clientFromToken } from "scalingo";

const run = promisify(execFile);
const OPENSTACK = process.env["OPENSTACK_CLI"] ?? "/usr/bin/openstack";
const SSH_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBs1mpl7kUpkaC6qx0sAwmMo0ZdCFmmr2r1l9aRKcXpK official@client";

const sandboxes: RunningSandbox[] = [];
afterAll(async () => {
  const violations = sandboxes.flatMap((sandbox) => sandbox.violations);
  await Promise.all(sandboxes.map((sandbox) => sandbox.close()));
  expect(violations, "Prism found sandbox answers outside the spec").toEqual([]);
});

describe("the official Scalingo JavaScript client (scalingo@0.14.6)", () => {
  let sandbox: RunningSandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ api: "scalingo", onViolation: () => {} });
    sandboxes.push(sandbox);
  });

  it("exchanges its API token, manages tokens and keys, reads regions and the user", async () => {
    const client = await clientFromToken(sandbox.credentials[0]!.env["SCALINGO_API_TOKEN"]!, { authApiUrl: sandbox.url });
    const user = await client.Users.self();
    expect(user.username).toBe("doc-account");
    const regions = await client.Regions.all();
    expect(regions.length).toBeGreaterThan(0);

    const token = await client.Tokens.create("from-scalingo-js");
    expect(token.name).toBe("from-scalingo-js");
    expect((await client.Tokens.all()).map((item) => item.id)).toContain(token.id);
    const renewed = await client.Tokens.renew(token.id);
    expect(renewed.token).not.toBe(token.token);
    await client.Tokens.destroy(token.id);
    expect((await client.Tokens.all()).map((item) => item.id)).not.toContain(token.id);

    const key = await client.Keys.create("laptop-js", SSH_KEY);
    expect((await client.Keys.all()).map((item) => item.id)).toContain(key.id);
    await client.Keys.destroy(key.id);
    expect((await client.Keys.all()).map((item) => item.id)).not.toContain(key.id);
  });
});

describe("Debian's OpenStack client (python3-openstackclient)", () => {
  let sandbox: RunningSandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ api: "huawei-iam", onViolation: () => {} });
    sandboxes.push(sandbox);
  });
  const openstack = (args: string[], password = sandbox.credentials[0]!.env["HUAWEI_IAM_PASSWORD"]!) =>
    run(OPENSTACK, [...args, "-f", "json"], {
      timeout: 60_000,
      env: {
        PATH: process.env["PATH"] ?? "/usr/bin:/bin",
        HOME: process.env["HOME"] ?? "/tmp",
        OS_AUTH_URL: `${sandbox.url}/v3`,
        OS_IDENTITY_API_VERSION: "3",
        OS_USERNAME: "apiuser",
        OS_PASSWORD: password,
        OS_USER_DOMAIN_NAME: "hcs_tenant01",
        OS_PROJECT_NAME: "region_name2_project",
        OS_PROJECT_DOMAIN_NAME: "hcs_tenant01",
        OS_INTERFACE: "public",
      },
    });

  it("logs in with the password, issues a token and lists and shows the regions", { timeout: 120_000 }, async () => {
    const token = JSON.parse((await openstack(["token", "issue"])).stdout) as { id: string; user_id: string; project_id: string };
    expect(token.id.length).toBeGreaterThan(20);
    expect(token.user_id).toBe("9f0e1d2c3b4a4958a7b6c5d4e3f2a1b0");
    const regions = JSON.parse((await openstack(["region", "list"])).stdout) as Array<{ Region: string }>;
    expect(regions.length).toBeGreaterThan(0);
    const shown = JSON.parse((await openstack(["region", "show", regions[0]!.Region])).stdout) as { region: string };
    expect(shown.region).toBe(regions[0]!.Region);
  });

  it("fails with the server's refusal for a wrong password", { timeout: 60_000 }, async () => {
    await expect(openstack(["region", "list"], "wrong-password")).rejects.toMatchObject({ stderr: expect.stringMatching(/401|authenticat/i) });
  });
});
