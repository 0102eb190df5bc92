// A project outside the repository, with only the packed tarballs installed: the typed client,
// the specs in both OpenAPI versions, and the mock's programmatic entry. Type-checked with strict
// settings, then run.
import { createRainbondClient } from "@openregions/client/rainbond";
import { startMock, type RunningMock } from "@openregions/mock";
import { listApis, readSpec, specPath } from "@openregions/specs";
import scalingo30 from "@openregions/specs/3.0/scalingo.json" with { type: "json" };

const vector = [{ region_id: "febc993cefe84d158b3ac245d7aa0943", region_name: "test", region_alias: "self-hosted", url: "https://192.168.2.225:8443", status: "1", desc: "", scope: "private" }];
const seen: string[] = [];
const rainbond = createRainbondClient({
  baseUrl: "https://console.rainbond.example",
  accessKey: "0123456789abcdef0123456789abcdef01234567",
  fetch: async (request: Request) => {
    seen.push(`${request.method} ${new URL(request.url).pathname} ${request.headers.get("authorization")?.length ?? 0}`);
    return new Response(JSON.stringify(vector), { status: 200, headers: { "content-type": "application/json" } });
  },
});
const regions = await rainbond.listRegions();
const firstName: string = regions[0]!.region_name;
// never called: only the type checker reads it
const typeOnly = () =>
  // @ts-expect-error: not a path of the Rainbond spec (the client's types are the spec's)
  rainbond.GET("/openapi/v1/no-such-path");
void typeOnly;

// the same client against @openregions/mock's static mock of the installed spec
const mock: RunningMock = await startMock({ api: "rainbond", port: 0 });
const mocked = await createRainbondClient({ baseUrl: mock.url, accessKey: "0123456789abcdef0123456789abcdef01234567" }).listRegions();
await mock.close();
// @ts-expect-error: startMock takes an API, not a port alone
void (() => startMock({ port: 0 }));

const spec31 = await readSpec("scalingo");
const spec30 = await readSpec("scalingo", "3.0");
console.log(
  JSON.stringify({
    firstName,
    seen,
    mocked: { api: mock.api.name, regions: mocked.length },
    apis: listApis().map((api) => api.name),
    openapi: [spec31["openapi"], spec30["openapi"], scalingo30.openapi],
    yaml30: specPath("rainbond", { openapi: "3.0", format: "yaml" }),
  }),
);
