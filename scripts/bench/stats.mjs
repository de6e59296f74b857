// @ts-check
// Small statistics for noisy timings: medians, spreads and ratios measured in the same rounds.

export function median(values) {
  const v = values.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!v.length) return NaN;
  const mid = v.length >> 1;
  return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}

export const min = (values) => Math.min(...values);
export const max = (values) => Math.max(...values);

/** "412 ms (380–460, n=7)" */
export function spread(values, unit = 'ms', digits = 0) {
  if (!values.length) return 'n/a';
  const f = (x) => x.toFixed(digits);
  return values.length === 1 ? `${f(values[0])} ${unit} (n=1)` : `${f(median(values))} ${unit} (${f(min(values))}–${f(max(values))}, n=${values.length})`;
}

/** Milliseconds since `t0` (performance.now()). */
export const since = (t0) => performance.now() - t0;

/** Times `fn` once; resolves with [ms, result]. */
export async function timed(fn) {
  const t0 = performance.now();
  const result = await fn();
  return [since(t0), result];
}
