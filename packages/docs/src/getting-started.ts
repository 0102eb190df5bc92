import { EXAMPLE_CREDENTIALS, listOperations, type ApiDefinition, type BundledSpec, type OperationInfo } from "@openregions/apis";
import { genericAuthenticate, requiredSchemes } from "./auth.js";
import { curlSample } from "./curl.js";
import type { ApiGuide } from "./guides.js";

export const mockUrl = (api: Pick<ApiDefinition, "mockPort">): string => `http://127.0.0.1:${api.mockPort}`;

const fence = (lang: string, code: string): string => `\`\`\`${lang}\n${code}\n\`\`\``;

/** A placeholder value the mock accepts (it checks that credentials are present, never their value). */
const placeholder = (variable: string): string =>
  /PASSWORD$/.test(variable) ? "example-password" : /BEARER$/.test(variable) ? EXAMPLE_CREDENTIALS.bearer.split(" ")[1]! : "example";

/** The operation the mock example calls: a plain GET, one that needs credentials if there is one. */
function tryItOperation(spec: BundledSpec): OperationInfo | undefined {
  const operations = listOperations(spec);
  const plain = operations.filter((op) => op.method === "get" && !op.path.includes("{"));
  return plain.find((op) => requiredSchemes(spec, op).length > 0) ?? plain[0] ?? operations[0];
}

/**
 * The "Getting started" section appended to the description of the docs-only copy of a spec:
 * how to authenticate (the API's guide, else its security schemes), how to run its mock, and
 * where the client is.
 */
export function gettingStarted(api: ApiDefinition, spec: BundledSpec, guide: ApiGuide | undefined): string {
  const sections = ["## Getting started", "**Authenticate.**", guide?.authenticate ?? genericAuthenticate(spec, api.name)];
  const mock = mockUrl(api);
  sections.push(
    `**Try it on the mock.** A sandbox behind [Prism](https://stoplight.io/open-source/prism) answers every operation of this page like the platform (state, token lifecycle, seeded from the examples), and checks each request and answer against the spec; \`--static\` serves the examples alone. This serves it at \`${mock}\`, installed from npm or from a clone of the repository:`,
    fence("sh", `npx @openregions/mock --api ${api.name}\n# from a clone: pnpm mock --api ${api.name}`),
  );
  const op = tryItOperation(spec);
  if (op) {
    const sample = curlSample(spec, op, { apiName: api.name, baseUrl: mock, credentials: guide?.curlCredentials });
    const exports = sample.env.map((variable) => `export ${variable}=${placeholder(variable)}`);
    sections.push(
      `Then point any sample of this page at \`${mock}\` instead of the real server. The mock checks that credentials are present, never their value; for example *${op.summary}*:`,
      fence("sh", [...exports, sample.source].join("\n")),
    );
  }
  sections.push(
    "**Try it here.** Every operation below has a *Try it* panel: enter your credentials once for the page, pick the sandbox (the default, started by `npm start`), the static mock or your own server, and send the example request or your own; the answer is shown with its status and headers, and checked against this spec.",
    `**Call it from TypeScript.** \`@openregions/client/${api.name}\` is a typed client generated from this spec. Every operation below has a TypeScript sample next to its curl command; the samples are type-checked against the client, so they follow the spec.`,
  );
  return sections.join("\n\n");
}
