/**
 * The shapes Kintone's app APIs answer with, as far as the connector reads them:
 * `app/form/fields.json` field properties (facts sheet §4.4) and `apps.json` / `app.json`
 * app descriptions (§3.1). Everything is optional beyond type and code, because fields
 * differ by type and Kintone adds members over time.
 */

export interface KintoneFieldProperty {
  readonly type: string;
  readonly code: string;
  readonly label?: string;
  readonly required?: boolean;
  readonly unique?: boolean;
  readonly defaultValue?: unknown;
  readonly defaultNowValue?: boolean;
  readonly minLength?: string;
  readonly maxLength?: string;
  readonly minValue?: string;
  readonly maxValue?: string;
  readonly expression?: string;
  readonly format?: string;
  readonly displayScale?: string;
  readonly options?: Readonly<Record<string, { readonly label?: string; readonly index?: string }>>;
  readonly enabled?: boolean;
  readonly lookup?: {
    readonly fieldMappings?: readonly { readonly field: string; readonly relatedField: string }[];
  };
  /** SUBTABLE only. */
  readonly fields?: Readonly<Record<string, KintoneFieldProperty>>;
}

export interface KintoneFormFields {
  readonly properties: Readonly<Record<string, KintoneFieldProperty>>;
  readonly revision: string;
}

export interface KintoneApp {
  readonly appId: string;
  readonly code: string;
  readonly name: string;
  readonly description?: string;
  readonly spaceId?: string | null;
  readonly threadId?: string | null;
  readonly createdAt?: string;
  readonly modifiedAt?: string;
  readonly creator?: { readonly code: string; readonly name?: string };
  readonly modifier?: { readonly code: string; readonly name?: string };
}
