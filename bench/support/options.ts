/** Checks of a bench's command-line values (node:util parseArgs gives strings). */

/** `value` as a whole number of at least 1, or an error naming the option. */
export function positiveInteger(name: string, value: string | undefined): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive integer, not ${value}`);
  return n;
}
