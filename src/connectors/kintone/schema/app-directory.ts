/**
 * The apps a connection publishes and the names of their tables. Apps come from
 * `apps.json` (password authentication) or from `app.json` for each configured app ID
 * (API tokens cannot list apps). Table names are chosen once for the whole directory, in
 * app ID order, so that they are unique and stable: the app code, else the app name as an
 * ASCII identifier, else App_<id>; subtables are <AppTable>_<subtable code>.
 */
import { toODataIdentifier, uniqueIdentifier } from '../../../catalog/odata-identifier.js';
import type { KintoneApp, KintoneFormFields } from './kintone-field-property.js';
import { appTableId, appsTableId, subtableTableId } from './kintone-table-model.js';

export const appsTableName = 'Apps';

export interface DirectoryEntry {
  readonly app: KintoneApp;
  readonly form: KintoneFormFields;
}

/** Entity set names by table id. */
export function tableNames(entries: readonly DirectoryEntry[]): Map<string, string> {
  const names = new Map<string, string>([[appsTableId, appsTableName]]);
  const taken = new Set<string>([appsTableName]);
  const sorted = [...entries].sort(
    (left, right) => Number(left.app.appId) - Number(right.app.appId),
  );
  for (const { app } of sorted) {
    const base =
      (app.code === '' ? undefined : toODataIdentifier(app.code)) ??
      toODataIdentifier(app.name) ??
      `App_${app.appId}`;
    const name = uniqueIdentifier(base, taken);
    taken.add(name);
    names.set(appTableId(Number(app.appId)), name);
  }
  for (const { app, form } of sorted) {
    const appName = names.get(appTableId(Number(app.appId))) ?? `App_${app.appId}`;
    for (const field of Object.values(form.properties)) {
      if (field.type !== 'SUBTABLE') continue;
      const base = `${appName}_${toODataIdentifier(field.code) ?? toODataIdentifier(field.label ?? '') ?? 'Table'}`;
      const name = uniqueIdentifier(base.slice(0, 128), taken);
      taken.add(name);
      names.set(subtableTableId(Number(app.appId), field.code), name);
    }
  }
  return names;
}
