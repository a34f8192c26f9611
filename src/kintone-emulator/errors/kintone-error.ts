/**
 * The error every part of the emulator throws when a request must fail the way Kintone
 * fails it: an HTTP status, a Kintone code (CB_VA01, GAIA_RE01 ...), the message in the
 * languages the emulator speaks, and for validation failures the `errors` member whose
 * keys name the offending parameter or record field (facts sheet §6).
 */

/** A message in every language the emulator answers in. */
export interface LocalizedText {
  readonly en: string;
  readonly ja: string;
}

export type MessageLanguage = keyof LocalizedText;

/** The `errors` member before it is rendered in one language: key → messages. */
export type LocalizedErrorDetails = ReadonlyMap<string, readonly LocalizedText[]>;

export class KintoneError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly text: LocalizedText,
    readonly details?: LocalizedErrorDetails,
    /** Extra response headers (e.g. X-Cybozu-Error on 429). */
    readonly headers?: Readonly<Record<string, string>>,
  ) {
    super(text.en);
    this.name = 'KintoneError';
  }
}

/** Collects validation messages by key, in the order they were found. */
export class ValidationErrorCollector {
  private readonly details = new Map<string, LocalizedText[]>();

  add(key: string, message: LocalizedText): void {
    const messages = this.details.get(key);
    if (messages === undefined) this.details.set(key, [message]);
    else if (!messages.some((existing) => existing.en === message.en)) messages.push(message);
  }

  get isEmpty(): boolean {
    return this.details.size === 0;
  }

  get entries(): LocalizedErrorDetails {
    return this.details;
  }
}
