/**
 * The platform modules, by API name: each file of this folder named after an API (`<api>.ts`)
 * and listed here gives that API's sandbox its auth lifecycle and rules; an API without one gets
 * the generic behaviour. Listed rather than looked up on disk so that the published bundle
 * carries them (a test checks that every file here is listed).
 */
import type { Platform, SandboxContext } from "../sandbox/platform.js";

export interface PlatformModule {
  createPlatform(context: Omit<SandboxContext, "state">): Platform;
}

export const PLATFORMS: Readonly<Record<string, () => Promise<PlatformModule>>> = {
  scalingo: () => import("./scalingo.js"),
  rainbond: () => import("./rainbond.js"),
  "huawei-iam": () => import("./huawei-iam.js"),
};
