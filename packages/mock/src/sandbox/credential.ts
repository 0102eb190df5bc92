/** A credential the sandbox accepts out of the box, as the command prints it. */
export interface PrintedCredential {
  /** What it is, e.g. "API token" or "password login". */
  readonly label: string;
  /** Environment variables the docs' samples read, with the value to set. */
  readonly env: Readonly<Record<string, string>>;
}
