import type { Deadline } from "../measure.js";
import type { Row } from "../report.js";

export interface SectionContext {
  /** `--quick`: fewer and shorter runs. */
  readonly quick: boolean;
  readonly repoRoot: string;
  /** The section's time budget; its loops stop when it passes. */
  readonly until: Deadline;
}

export interface Section {
  /** The name `--only` takes. */
  readonly name: string;
  /** What the section measures, one line for `--help`. */
  readonly summary: string;
  /** Upper bound of the section's run time, in seconds (default, quick). */
  readonly budgetSeconds: { readonly full: number; readonly quick: number };
  run(context: SectionContext): Promise<Row[]>;
}
