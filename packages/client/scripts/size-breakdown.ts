/**
 * Where the bytes of an entry go: bundles `dist/<api>.js` the way scripts/check-size.ts does
 * (@openregions/test-support/browser-bundle: esbuild for the browser, minified, gzip -9; openapi-fetch included) and
 * prints, per source module, its minified bytes in the bundle and its marginal min+gzip cost:
 * how much smaller the gzipped bundle gets without that module's characters (gzip is not
 * additive, so the marginals do not sum to the total exactly).
 *
 *   tsx scripts/size-breakdown.ts [api…]    (after the build; default: every entry)
 */
import { join } from "node:path";
import { apis } from "@openregions/apis";
import { browserBundle, gzipBytes, wholeModule } from "@openregions/test-support/browser-bundle";

const root = join(import.meta.dirname, "..");
const BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/** The source index of each mapping segment, per generated line: `[column, source][]`. */
function decodeMappings(mappings: string): Array<Array<[number, number]>> {
  let source = 0;
  return mappings.split(";").map((line) => {
    let column = 0;
    return line
      .split(",")
      .filter((segment) => segment !== "")
      .map((segment): [number, number] => {
        const values: number[] = [];
        let value = 0;
        let shift = 0;
        for (const char of segment) {
          const digit = BASE64.indexOf(char);
          value += (digit & 31) << shift;
          if (digit & 32) shift += 5;
          else {
            values.push(value & 1 ? -(value >> 1) : value >> 1);
            value = 0;
            shift = 0;
          }
        }
        column += values[0] ?? 0;
        if (values.length > 1) source += values[1]!;
        return [column, values.length > 1 ? source : -1];
      });
  });
}

async function breakdown(api: string): Promise<void> {
  const outputs = await browserBundle(wholeModule(join(root, "dist", `${api}.js`)), root, { sourcemap: "external", outfile: "out.js" });
  const code = outputs.find((file) => file.path.endsWith(".js"))!.text;
  const map = JSON.parse(outputs.find((file) => file.path.endsWith(".map"))!.text) as { sources: string[]; mappings: string };
  const lines = code.split("\n");
  const segments = decodeMappings(map.mappings);
  // the module each character comes from: that of the last segment at or before it
  const owner: number[] = [];
  lines.forEach((line, index) => {
    const row = segments[index] ?? [];
    let source = -1;
    let next = 0;
    for (let column = 0; column <= line.length; column++) {
      while (next < row.length && row[next]![0] <= column) {
        if (row[next]![1] >= 0) source = row[next]![1];
        next++;
      }
      owner.push(source);
    }
  });
  const text = lines.join("\n");
  const total = gzipBytes(text);
  const rows = map.sources
    .map((source, index) => {
      let kept = "";
      let own = 0;
      for (let i = 0; i < text.length; i++) {
        if (owner[i] === index) own++;
        else kept += text[i];
      }
      const name = source.replace(/^.*node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?/, "").replace(/^.*packages\/client\/(?:src|dist)\//, "");
      return { name, own, marginal: total - gzipBytes(kept) };
    })
    .filter((row) => row.own > 0)
    .sort((a, b) => b.marginal - a.marginal);
  console.log(`@openregions/client/${api}: ${text.length} B minified, ${total} B min+gzip`);
  console.log("  gzip  minified  module");
  for (const row of rows) console.log(`${String(row.marginal).padStart(6)}  ${String(row.own).padStart(8)}  ${row.name}`);
  console.log();
}

const wanted = process.argv.slice(2);
for (const api of apis) if (wanted.length === 0 || wanted.includes(api.name)) await breakdown(api.name);
