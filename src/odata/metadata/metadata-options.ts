/**
 * Options of the $metadata renderers. Rendering is pure: the same model and options always
 * give the same text, so the server can cache it per model version and per option set.
 */

/** The OData versions the gateway speaks. */
export type ODataVersion = '4.0' | '4.01';

export interface MetadataOptions {
  /**
   * The OData version negotiated for the request (OData-MaxVersion / OData-Version). It is
   * the `Version` of `edmx:Edmx` in CSDL XML and `$Version` in CSDL JSON. The rest of the
   * document is the same for both versions: it uses nothing that 4.0 lacks.
   */
  readonly version: ODataVersion;
}
