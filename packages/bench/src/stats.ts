/**
 * The statistics every figure of the table goes through: a median over runs, with its spread,
 * and ratios taken run by run (so both sides of a ratio come from the same run).
 */

/** A figure measured several times: its median and the spread of the runs. */
export interface Summary {
  /** Number of runs. */
  readonly n: number;
  readonly median: number;
  readonly min: number;
  readonly max: number;
  /** First and third quartiles (linear interpolation, as numpy's default). */
  readonly q1: number;
  readonly q3: number;
}

function finite(samples: readonly number[]): number[] {
  const values = samples.filter((value) => Number.isFinite(value));
  if (values.length === 0) throw new RangeError("no finite sample to summarize");
  return values.sort((a, b) => a - b);
}

/** The q-quantile (0 ≤ q ≤ 1) of sorted values, interpolating linearly between ranks. */
export function quantileSorted(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) throw new RangeError("quantile of no value");
  if (!(q >= 0 && q <= 1)) throw new RangeError(`quantile ${q} is outside [0, 1]`);
  const rank = (sorted.length - 1) * q;
  const lower = Math.floor(rank);
  const upper = Math.ceil(rank);
  const low = sorted[lower]!;
  const high = sorted[upper]!;
  return low + (high - low) * (rank - lower);
}

/** The q-quantile of unsorted samples (NaN and infinities are ignored). */
export function quantile(samples: readonly number[], q: number): number {
  return quantileSorted(finite(samples), q);
}

export function median(samples: readonly number[]): number {
  return quantile(samples, 0.5);
}

/** Median, quartiles and extremes of the finite samples; throws when there are none. */
export function summarize(samples: readonly number[]): Summary {
  const sorted = finite(samples);
  return {
    n: sorted.length,
    median: quantileSorted(sorted, 0.5),
    min: sorted[0]!,
    max: sorted[sorted.length - 1]!,
    q1: quantileSorted(sorted, 0.25),
    q3: quantileSorted(sorted, 0.75),
  };
}

/**
 * Ratios of paired samples, `numerator[i] / baseline[i]`: run i of both was taken in the same
 * round, so machine noise that hits a round hits both sides. Pairs with a zero or missing side
 * are dropped.
 */
export function pairedRatios(numerator: readonly number[], baseline: readonly number[]): number[] {
  const ratios: number[] = [];
  const count = Math.min(numerator.length, baseline.length);
  for (let i = 0; i < count; i++) {
    const top = numerator[i]!;
    const bottom = baseline[i]!;
    if (Number.isFinite(top) && Number.isFinite(bottom) && bottom !== 0) ratios.push(top / bottom);
  }
  return ratios;
}

/** Turns a total duration over a number of operations into operations per second. */
export function perSecond(operations: number, elapsedMs: number): number {
  return elapsedMs > 0 ? (operations * 1000) / elapsedMs : Number.NaN;
}

// ---------------------------------------------------------------------------
// Formatting
// ---------------------------------------------------------------------------

/** Three significant digits at most, no exponent, thousands grouped with a thin space-free comma. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return "n/a";
  const abs = Math.abs(value);
  if (abs >= 1000) return Math.round(value).toLocaleString("en-US");
  if (abs >= 100) return value.toFixed(0);
  if (abs >= 10) return value.toFixed(1);
  if (abs >= 1) return value.toFixed(2);
  if (abs === 0) return "0";
  return value.toPrecision(2);
}

/** Byte counts as B, kB or MB (powers of 1000, as bundle-size tools print them). */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return "n/a";
  if (bytes < 1000) return `${Math.round(bytes)} B`;
  if (bytes < 1_000_000) return `${formatNumber(bytes / 1000)} kB`;
  return `${formatNumber(bytes / 1_000_000)} MB`;
}

/** A ratio as `1.23×`. */
export function formatRatio(ratio: number): string {
  if (!Number.isFinite(ratio)) return "n/a";
  return `${formatNumber(ratio)}×`;
}
