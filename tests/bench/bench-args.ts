// Reading the benches' numeric command-line options: one rule and one message for all of them.

/** `value` as a positive number, or an error naming the option `--name`. */
export function positive(name: string, value: string | undefined): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} must be a positive number`);
  return n;
}
