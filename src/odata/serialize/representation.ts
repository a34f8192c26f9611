/**
 * The negotiated representation of a response: OData version, metadata level and number
 * format. Produced by content negotiation in the server, read by every writer.
 */
export type ODataVersion = '4.0' | '4.01';
export type MetadataLevel = 'minimal' | 'full' | 'none';

export interface Representation {
  readonly version: ODataVersion;
  readonly metadata: MetadataLevel;
  /** IEEE754Compatible=true: Int64 and Decimal values are written as JSON strings. */
  readonly ieee754Compatible: boolean;
  /** Absolute URL of the service root, without a trailing slash. */
  readonly serviceRoot: string;
}

/** The Content-Type header value for JSON data in this representation. */
export function jsonContentType(representation: Representation): string {
  return (
    `application/json;odata.metadata=${representation.metadata};odata.streaming=true;` +
    `IEEE754Compatible=${representation.ieee754Compatible ? 'true' : 'false'};charset=utf-8`
  );
}
