/**
 * A $batch request in a form independent of its wire format (multipart/mixed or JSON):
 * the requests in order, each with its id (Content-ID or `id`), its atomicity group (change
 * set) and the requests it depends on; and the response of each.
 */
export interface BatchItem {
  /** Content-ID (multipart) or `id` (JSON); generated when absent. */
  readonly id: string;
  readonly method: string;
  /** As written by the client: relative to the service root, absolute, or `$id/...`. */
  readonly url: string;
  /** Header names in lower case. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer | undefined;
  /** Change set / atomicity group, if the item belongs to one. */
  readonly group: string | undefined;
  /** Ids of requests that must succeed before this one runs (JSON `dependsOn`). */
  readonly dependsOn: readonly string[];
}

export interface BatchItemResponse {
  readonly id: string;
  readonly group: string | undefined;
  readonly status: number;
  readonly headers: ReadonlyMap<string, string>;
  readonly body: Buffer;
}
