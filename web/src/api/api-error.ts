/** Why the hub refused or could not answer a request, in the hub's own words and codes. */
export interface Refusal {
  message: string;
  /** `extensions.code`: FORBIDDEN, UNAUTHENTICATED, PURPOSE_REQUIRED, BAD_USER_INPUT, ... */
  code: string;
}

export class ApiError extends Error {
  constructor(
    readonly refusals: Refusal[],
    readonly status?: number,
  ) {
    super(refusals.map((r) => `${r.code}: ${r.message}`).join('\n'));
    this.name = 'ApiError';
  }

  /** Whether any refusal has this code. */
  has(code: string): boolean {
    return this.refusals.some((r) => r.code === code);
  }
}
