/** Figures as bench/README.md prints them. */

/** Whole numbers with thousands separators. */
export const whole = (n: number) => Math.round(n).toLocaleString('en');
export const oneDecimal = (n: number) => n.toFixed(1);
export const secs = (s: number) => `${s.toFixed(1)} s`;
/** Bytes as whole MB (2^20). */
export const megabytes = (bytes: number) => `${whole(bytes / 2 ** 20)} MB`;
export const millions = (n: number) => `${(n / 1e6).toFixed(2)} M`;
