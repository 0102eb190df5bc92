/**
 * `lint` of a publishable package (run from its folder): pack it and check the tarball with
 * publint and attw, as `pnpm release --dry-run` does for every publishable package.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { checkTarball, GateError, pack, publishableAt } from "./release/pack-check.js";

const publishable = publishableAt(process.cwd());
const destination = await mkdtemp(join(tmpdir(), "openregions-pack-"));
try {
  const packed = await pack(publishable.dir, destination);
  const reports = await checkTarball(packed, publishable);
  console.log(`${packed.name}@${packed.version}: ${packed.files.length} files\n${reports.publint}\n${reports.attw}`);
} catch (error) {
  console.error(error instanceof GateError ? error.message : error);
  process.exitCode = 1;
} finally {
  await rm(destination, { recursive: true, force: true });
}
