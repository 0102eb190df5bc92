// A project outside the repository, with only the packed tarballs installed: the typed client
// and the specs in both OpenAPI versions. Type-checked with strict settings, then run.
import { createRainbondClient } from "@openregions/client/rainbond";
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

const spec31 = await readSpec("scalingo");
const spec30 = await readSpec("scalingo", "3.0");
console.log(
  JSON.stringify({
    firstName,
    seen,
    apis: listApis().map((api) => api.name),
    openapi: [spec31["openapi"], spec30["openapi"], scalingo30.openapi],
    yaml30: specPath("rainbond", { openapi: "3.0", format: "yaml" }),
  }),
);
