/**
 * What a reference page's "Try it" panels are told at build time, shared by the build (which
 * writes it into the page) and the panels' script (which reads it). Data only: the panels derive
 * everything else from the spec Redoc shows.
 */

/** An input written into an operation's example body, at a JSON pointer (a login's user name, say). */
export interface BodyField {
  readonly label: string;
  readonly pointer: string;
  /** A password: never prefilled from the example, shown masked. */
  readonly secret?: boolean;
}

/** Where an answer carries the credential it issues. */
export type CredentialSource = { readonly header: string } | { readonly bodyPointer: string };

/**
 * The credential of a scheme is obtained by calling one of the API's operations, with the
 * credentials that operation asks for itself (Scalingo: the exchange, Basic with the API token),
 * or with fields written into its example body (Huawei IAM: the password login).
 */
export interface ObtainHook {
  readonly operationId: string;
  readonly fields?: readonly BodyField[];
  readonly read: CredentialSource;
  /** How the page names the step, e.g. "exchanged for a bearer". */
  readonly describe: string;
}

/** Per-scheme particulars, for the flows the security scheme alone does not say. */
export interface SchemeHook {
  /** Label of the scheme's input (default: the scheme's name). */
  readonly label?: string;
  /** HTTP Basic with a fixed user name: one secret input, sent as the password. */
  readonly basicUser?: string;
  readonly obtain?: ObtainHook;
}

/** A server the panels can send to. */
export interface TryItTargets {
  /** The running sandbox of the API, when the docs server knows it. */
  readonly sandbox?: string;
  /** A static (example-only) Prism mock, when the docs server knows one. */
  readonly staticMock?: string;
}

/** Written into each reference page. */
export interface TryItConfig {
  readonly api: string;
  /** Where `pnpm mock --api <name>` serves the API: the sandbox's URL when the page is opened without the docs server. */
  readonly mockPort: number;
  /** The spec's default server, offered as the "other server" URL. */
  readonly serverUrl?: string;
  readonly hooks: Readonly<Record<string, SchemeHook>>;
}

/** What the docs server answers at TARGETS_PATH: the running servers of every API, and whether it forwards. */
export interface TryItRuntime {
  readonly proxy: boolean;
  readonly apis: Readonly<Record<string, TryItTargets>>;
}

/** Paths the docs server answers besides the site's files. */
export const TARGETS_PATH = "/__docs/try-it.json";
export const PROXY_PATH = "/__docs/proxy";
/** The header that names the real server a proxied request goes to (its origin, optionally a base path). */
export const PROXY_TARGET_HEADER = "x-openregions-target";
