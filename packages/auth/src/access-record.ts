/**
 * What the access log keeps of one read of personal data (UU PDP), shared by its writer (the
 * gateway) and its keeper (the audit service's `recordAccess`, input type `AccessInput`).
 */

/** One read or attempt, as the gateway saw it. */
export interface AccessRead {
  /** The operation name the caller chose, else the root fields it selected. */
  operation: string;
  rootFields: string[];
  /** Every NIK asked about or whose data the answer carried. */
  niks: string[];
  /** KKs and names asked for. */
  kks: string[];
  names: string[];
  /** False for a refused attempt. */
  answered: boolean;
}

/** A read with who made it: one row of the access log. */
export interface AccessRecord extends AccessRead {
  callerRole: string;
  callerSubject: string | null;
  callerRegion: string | null;
  purpose: string | null;
}
