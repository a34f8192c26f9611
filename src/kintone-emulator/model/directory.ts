/**
 * The domain's directory: users (with their passwords, for password authentication),
 * groups, organisations and spaces. Seeds create them; user-select fields, `LOGINUSER()`,
 * permissions and process-management assignees refer to them by code.
 */

export interface DirectoryUser {
  readonly code: string;
  readonly name: string;
  readonly password: string;
  readonly email?: string;
  /** Domain administrator: may do everything in every app. */
  readonly administrator?: boolean;
  /** IANA time zone for date functions in queries (default: the domain's). */
  readonly timeZone?: string;
  /** Display language ("en" / "ja"); absent: taken from Accept-Language. */
  readonly language?: 'en' | 'ja';
  readonly primaryOrganization?: string;
}

export interface DirectoryGroup {
  readonly code: string;
  readonly name: string;
  readonly members: readonly string[];
}

export interface DirectoryOrganization {
  readonly code: string;
  readonly name: string;
  readonly members: readonly string[];
  readonly parent?: string;
}

export interface Space {
  readonly id: string;
  readonly name: string;
  readonly isGuest: boolean;
  /** The space's default thread. */
  readonly defaultThread: string;
}

export interface ApiTokenPermissions {
  readonly viewRecord: boolean;
  readonly addRecord: boolean;
  readonly editRecord: boolean;
  readonly deleteRecord: boolean;
  readonly manageApp: boolean;
}

export interface ApiToken {
  readonly token: string;
  readonly app: number;
  readonly permissions: ApiTokenPermissions;
}
