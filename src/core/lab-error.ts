// The error type every model and tool throws: a stable `code` from a closed
// union that tests assert, plus structured fields (which segment, which byte
// offset, which claim). The sentence a user reads comes from the domain's
// message table, never from `message`, which is for developers.

export type LabErrorDetails = Readonly<Record<string, string | number | boolean | undefined>>;

export class LabError<Code extends string = string> extends Error {
  readonly code: Code;
  readonly details: LabErrorDetails;

  constructor(
    code: Code,
    message: string,
    details: LabErrorDetails = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'LabError';
    this.code = code;
    this.details = details;
  }
}

export function isLabError(value: unknown): value is LabError {
  return value instanceof LabError;
}

/**
 * A user-facing explanation of an error: what failed, where, and what to try.
 * Each domain keeps one table from its codes to these.
 */
export interface ErrorExplanation {
  readonly what: string;
  readonly where?: string;
  readonly fix: string;
}

export type ErrorTable<Code extends string> = {
  readonly [C in Code]: (details: LabErrorDetails) => ErrorExplanation;
};

/**
 * Returns the user-facing explanation of `error` from the first table that
 * contains its code, or undefined for an error that is not a LabError or has no entry.
 */
export function explainLabError(
  error: unknown,
  tables: readonly Partial<Record<string, (details: LabErrorDetails) => ErrorExplanation>>[],
): ErrorExplanation | undefined {
  if (!isLabError(error)) return undefined;
  for (const table of tables) {
    const explain = table[error.code];
    if (explain) return explain(error.details);
  }
  return undefined;
}
