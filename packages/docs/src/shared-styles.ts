import { createHash } from "node:crypto";

/** Where a page's Redoc stylesheet goes, named by its content so pages built apart never share a stale one. */
export const STYLESHEET_PREFIX = "assets/redoc-";
const STYLESHEET_FILE = /^redoc-[0-9a-f]{16}\.css$/;

/**
 * The CSS that `redocly build-docs` renders into every page (styled-components, about 250 kB) is
 * Redoc's own and the same on every page whatever the spec. Inlined, it is two thirds of each
 * page's gzip weight; as one shared file the browser fetches it once for the whole site, like
 * Redoc's script. Redoc's styled-components inject the same rules again when the page hydrates,
 * so the page does not depend on the file for anything but its first paint.
 */
const SERVER_STYLES = /<style data-styled="true"[^>]*>([\s\S]*?)<\/style>/;

export interface SharedStylesheet {
  /** The page, linking the stylesheet instead of inlining it. */
  readonly html: string;
  /** The stylesheet's path relative to the site's root, e.g. `assets/redoc-0123456789abcdef.css`. */
  readonly file: string;
  readonly css: string;
}

/** Moves a built page's server-rendered Redoc styles into a stylesheet of their own. Fails when the page has none (a Redoc that renders styles elsewhere needs looking at). */
export function shareRedocStyles(html: string): SharedStylesheet {
  const found = SERVER_STYLES.exec(html);
  if (!found) throw new Error('the Redoc page has no <style data-styled="true">: check where this Redoc renders its styles');
  const css = found[1]!;
  const file = `${STYLESHEET_PREFIX}${createHash("sha256").update(css).digest("hex").slice(0, 16)}.css`;
  return { html: html.replace(found[0], `<link rel="stylesheet" href="./${file}">`), file, css };
}

/** Whether a file of the assets folder is a stylesheet written by shareRedocStyles (so a build may remove it once no page links it). */
export const isSharedStylesheet = (name: string): boolean => STYLESHEET_FILE.test(name);

const LINK = /<link rel="stylesheet" href="\.\/(assets\/redoc-[0-9a-f]{16}\.css)">/g;

/** The shared stylesheets a page links, as paths relative to the site's root. */
export const linkedStylesheets = (html: string): string[] => [...html.matchAll(LINK)].map((match) => match[1]!);
