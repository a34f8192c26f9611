/**
 * An error answered by the gateway, in the shape of its error bodies
 * (`{ error: { code, message, target?, details? } }`), or a network failure. Forms read
 * `fieldMessages` to show each validation problem next to its field.
 */
export interface ErrorDetail {
  readonly code?: string;
  readonly message: string;
  readonly target?: string;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly target: string | undefined;
  readonly details: readonly ErrorDetail[];
  /** Seconds to wait before trying again (429). */
  readonly retryAfterSeconds: number | undefined;

  constructor(
    status: number,
    code: string,
    message: string,
    options: {
      readonly target?: string;
      readonly details?: readonly ErrorDetail[];
      readonly retryAfterSeconds?: number;
    } = {},
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.target = options.target;
    this.details = options.details ?? [];
    this.retryAfterSeconds = options.retryAfterSeconds;
  }

  /** Validation messages by field name (the detail's target), first message per field. */
  fieldMessages(prefix = ''): Record<string, string> {
    const messages: Record<string, string> = {};
    const add = (target: string | undefined, message: string): void => {
      if (target === undefined || !target.startsWith(prefix)) return;
      const name = target.slice(prefix.length);
      if (name !== '' && messages[name] === undefined) messages[name] = message;
    };
    for (const detail of this.details) add(detail.target, detail.message);
    if (this.details.length === 0) add(this.target, this.message);
    return messages;
  }
}

/** The words to show for any error thrown while talking to the gateway. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error) return error.message;
  return 'Something went wrong.';
}

interface ErrorBody {
  readonly error?: {
    readonly code?: unknown;
    readonly message?: unknown;
    readonly target?: unknown;
    readonly details?: unknown;
  };
  readonly message?: unknown;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function readDetails(value: unknown): ErrorDetail[] {
  if (!Array.isArray(value)) return [];
  const details: ErrorDetail[] = [];
  for (const item of value as unknown[]) {
    if (typeof item !== 'object' || item === null) continue;
    const record = item as Record<string, unknown>;
    const message = text(record['message']);
    if (message === undefined) continue;
    const code = text(record['code']);
    const target = text(record['target']);
    details.push({
      message,
      ...(code === undefined ? {} : { code }),
      ...(target === undefined ? {} : { target }),
    });
  }
  return details;
}

const statusWords: Readonly<Record<number, string>> = {
  401: 'You are not signed in.',
  403: 'You are not allowed to do this.',
  404: 'This was not found.',
  409: 'This conflicts with something that exists.',
  429: 'Too many attempts. Wait a moment and try again.',
  500: 'The gateway failed to answer. Try again; if it keeps failing, look at the gateway log.',
  502: 'The source did not answer properly.',
  503: 'The gateway is not ready yet. Try again in a moment.',
};

/** Builds an ApiError from a failed response. */
export async function errorFromResponse(response: Response): Promise<ApiError> {
  let body: ErrorBody | undefined;
  try {
    body = (await response.json()) as ErrorBody;
  } catch {
    body = undefined;
  }
  const retryAfter = Number(response.headers.get('retry-after'));
  const retryAfterSeconds = Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined;
  const error = body?.error;
  const message =
    text(error?.message) ??
    text(body?.message) ??
    statusWords[response.status] ??
    `The gateway answered ${response.status} ${response.statusText}.`;
  const target = text(error?.target);
  return new ApiError(response.status, text(error?.code) ?? `HTTP${response.status}`, message, {
    ...(target === undefined ? {} : { target }),
    details: readDetails(error?.details),
    ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }),
  });
}

export function networkError(): ApiError {
  return new ApiError(
    0,
    'network',
    'The gateway could not be reached. Check that it is running and your network, then try again.',
  );
}
