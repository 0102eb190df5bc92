/**
 * Protects "no `any` in public types": every declaration file the package ships (dist/**.d.ts,
 * generated types included) is parsed, and no `any` may appear in a type position. Comments and
 * strings don't count; an `any` slipping in through an inferred return type does.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const dist = join(import.meta.dirname, "..", "dist");

function declarationFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return declarationFiles(path);
    return entry.name.endsWith(".d.ts") ? [path] : [];
  });
}

/** `file:line: text` for each `any` keyword in a type position of `text`. */
function anyTypes(name: string, text: string): string[] {
  const source = ts.createSourceFile(name, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (node.kind === ts.SyntaxKind.AnyKeyword) {
      const { line } = source.getLineAndCharacterOfPosition(node.getStart());
      found.push(`${name}:${line + 1}: ${node.parent.getText().slice(0, 120)}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe("the published declaration files", () => {
  const files = declarationFiles(dist);

  it("are there: one per entry and module, the generated types included", () => {
    const names = files.map((file) => relative(dist, file));
    expect(names).toEqual(expect.arrayContaining(["scalingo.d.ts", "rainbond.d.ts", "huawei-iam.d.ts", "runtime/index.d.ts", "generated/scalingo.d.ts"]));
  });

  it("never use `any`", () => {
    expect(files.flatMap((file) => anyTypes(relative(dist, file), readFileSync(file, "utf8")))).toEqual([]);
  });

  it("the check sees an `any` in a type, and not in a comment or a string", () => {
    const text = 'export declare function f(x: unknown): any; // any here\nexport declare const s: "any";\n';
    expect(anyTypes("x.d.ts", text)).toEqual(["x.d.ts:1: export declare function f(x: unknown): any;"]);
  });
});
