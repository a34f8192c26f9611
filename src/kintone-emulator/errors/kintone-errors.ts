/**
 * Kintone's error catalogue as the emulator reproduces it (facts sheet §2, §6.2): one
 * factory per failure, with the HTTP status and code real Kintone uses and its message in
 * English and Japanese. Texts marked "observed" in the facts sheet are reproduced exactly;
 * the others are worded plainly (see docs/kintone-emulator.md, "What is approximated").
 */
import {
  KintoneError,
  ValidationErrorCollector,
  type LocalizedErrorDetails,
  type LocalizedText,
} from './kintone-error.js';
import { validationMessages } from './validation-messages.js';

function fail(
  status: number,
  code: string,
  text: LocalizedText,
  details?: LocalizedErrorDetails,
  headers?: Readonly<Record<string, string>>,
): KintoneError {
  return new KintoneError(status, code, text, details, headers);
}

export const kintoneErrors = {
  invalidInput(details?: LocalizedErrorDetails): KintoneError {
    return fail(
      400,
      'CB_VA01',
      { en: 'Missing or invalid input.', ja: '入力内容が正しくありません。' },
      details,
    );
  },
  /** CB_VA01 for one parameter key. */
  invalidParameter(key: string, message: LocalizedText): KintoneError {
    const collector = new ValidationErrorCollector();
    collector.add(key, message);
    return kintoneErrors.invalidInput(collector.entries);
  },
  requiredParameter(key: string): KintoneError {
    return kintoneErrors.invalidParameter(key, validationMessages.requiredParameter);
  },
  invalidJson(): KintoneError {
    return fail(400, 'CB_IJ01', {
      en: 'Invalid JSON string.',
      ja: 'JSON文字列が不正です。',
    });
  },
  loginRequired(): KintoneError {
    return fail(401, 'CB_AU01', { en: 'Please login.', ja: 'ログインしてください。' });
  },
  passwordAuthenticationFailed(): KintoneError {
    return fail(401, 'CB_WA01', {
      en: 'Password authentication failed. The value in http header of X-Cybozu-Authorization is not valid.',
      ja: 'ユーザーのパスワード認証に失敗しました。X-Cybozu-Authorizationヘッダーの値が正しくありません。',
    });
  },
  apiTokenMismatch(): KintoneError {
    return fail(400, 'GAIA_IA02', {
      en: 'The specified API token does not match the API token generated via an app.',
      ja: '指定したAPIトークンが、アプリで生成したAPIトークンと一致しません。',
    });
  },
  apiTokenNotPermitted(): KintoneError {
    return fail(403, 'GAIA_NO01', {
      en: 'Using this API token, you cannot run the specified API.',
      ja: 'このAPIトークンでは、指定したAPIを実行できません。',
    });
  },
  duplicateApiToken(): KintoneError {
    return fail(400, 'GAIA_DA03', {
      en: 'The same API token is specified more than once.',
      ja: '同じAPIトークンが複数指定されています。',
    });
  },
  tooManyApiTokens(): KintoneError {
    return fail(400, 'GAIA_TA01', {
      en: 'Up to 9 API tokens can be specified in one request.',
      ja: '1回のリクエストで指定できるAPIトークンは9個までです。',
    });
  },
  noPrivilege(): KintoneError {
    return fail(403, 'CB_NO02', {
      en: 'No privilege to proceed.',
      ja: '権限がありません。',
    });
  },
  guestSpacePathRequired(): KintoneError {
    return fail(400, 'GAIA_IL23', {
      en: 'To access an app in a guest space, add the guest space ID to the request URL (/k/guest/{guest space ID}/v1/...).',
      ja: 'ゲストスペース内のアプリを操作する場合は、リクエストURLにゲストスペースのスペースIDを指定してください。',
    });
  },
  apiNotFound(): KintoneError {
    return fail(404, 'CB_NF01', {
      en: 'The specified API does not exist.',
      ja: '指定したAPIは存在しません。',
    });
  },
  appNotFound(appId: string): KintoneError {
    return fail(404, 'GAIA_AP01', {
      en: `The app (ID: ${appId}) not found. The app may have been deleted.`,
      ja: `指定したアプリ（id: ${appId}）が見つかりません。削除されている可能性があります。`,
    });
  },
  recordNotFound(recordId: string): KintoneError {
    return fail(404, 'GAIA_RE01', {
      en: `The specified record (ID: ${recordId}) is not found.`,
      ja: `指定したレコード（id: ${recordId}）が見つかりません。`,
    });
  },
  fileNotFound(fileKey: string): KintoneError {
    return fail(404, 'GAIA_BL01', {
      en: `The specified file (id: ${fileKey}) not found.`,
      ja: `指定したファイル（id: ${fileKey}）が見つかりません。`,
    });
  },
  commentNotFound(): KintoneError {
    return fail(400, 'GAIA_RE02', {
      en: 'The specified comment does not exist. The comment may have been deleted.',
      ja: '指定したコメントが存在しません。削除された可能性があります。',
    });
  },
  recordRevisionConflict(): KintoneError {
    return fail(409, 'GAIA_CO02', {
      en: 'The revision is not the latest. Someone may update a record.',
      ja: '指定したrevisionは最新ではありません。ほかのユーザーがレコードを更新した可能性があります。',
    });
  },
  appRevisionConflict(): KintoneError {
    return fail(409, 'GAIA_CO03', {
      en: 'The revision is not the latest. Someone may update the app settings.',
      ja: '指定したrevisionは最新ではありません。ほかのユーザーがアプリの設定を変更した可能性があります。',
    });
  },
  lookupValueNotFound(value: string, fieldCode: string): KintoneError {
    return fail(400, 'GAIA_LO04', {
      en: `A value ${value} in the field ${fieldCode} does not exist in the datasource app for lookup, or you do not have permission to view the app or the field.`,
      ja: `フィールド「${fieldCode}」の値「${value}」が、ルックアップの参照先のフィールドにないか、またはアプリやフィールドの閲覧権限がありません。`,
    });
  },
  concurrencyLimitExceeded(): KintoneError {
    return fail(
      429,
      'GAIA_TO04',
      {
        en: 'The number of concurrent API requests exceeds the limit.',
        ja: 'APIリクエストの同時実行数が上限を超えています。',
      },
      undefined,
      {
        'X-Cybozu-Error': 'GAIA_TO04',
        'Cache-Control': 'no-cache, no-store, must-revalidate',
      },
    );
  },
  tooManyCursors(): KintoneError {
    return fail(429, 'GAIA_TM12', {
      en: 'The number of cursors has reached the limit. Delete unnecessary cursors or wait until they expire.',
      ja: '作成できるカーソルの上限に達しています。不要なカーソルを削除するか、有効期限が切れるまでお待ちください。',
    });
  },
  cursorNotFound(): KintoneError {
    return fail(404, 'GAIA_CN01', {
      en: 'The specified cursor does not exist. It may have expired or been deleted.',
      ja: '指定したカーソルが存在しません。有効期限が切れているか、削除された可能性があります。',
    });
  },
  statusChangeFailed(): KintoneError {
    return fail(400, 'GAIA_IL03', {
      en: 'Failed to update the status. The settings or the status itself may have been changed by someone.',
      ja: 'ステータスの変更に失敗しました。ほかのユーザーがステータス、またはステータスの設定を変更した可能性があります。',
    });
  },
  processManagementDisabled(): KintoneError {
    return fail(400, 'GAIA_ST02', {
      en: 'Your request failed. The process management feature has been disabled.',
      ja: 'リクエストが失敗しました。プロセス管理機能が無効になっています。',
    });
  },
  notAssignee(): KintoneError {
    return fail(403, 'GAIA_NT01', {
      en: 'Only the assignee can change the status.',
      ja: 'ステータスを変更できるのは作業者のみです。',
    });
  },
  userNotFound(code: string): KintoneError {
    return fail(400, 'GAIA_IL26', {
      en: `The specified user (code: ${code}) not found.`,
      ja: `指定したユーザー（code: ${code}）が見つかりません。`,
    });
  },
  groupNotFound(code: string): KintoneError {
    return fail(400, 'GAIA_IL27', {
      en: `The specified group (code: ${code}) not found.`,
      ja: `指定したグループ（code: ${code}）が見つかりません。`,
    });
  },
  organizationNotFound(code: string): KintoneError {
    return fail(400, 'GAIA_IL28', {
      en: `The specified organization (code: ${code}) not found.`,
      ja: `指定した組織（code: ${code}）が見つかりません。`,
    });
  },
  internalError(): KintoneError {
    return fail(500, 'GAIA_UN01', {
      en: 'An unexpected error occurred. Please try again later.',
      ja: '予期しないエラーが発生しました。しばらくしてから再度お試しください。',
    });
  },
  payloadTooLarge(): KintoneError {
    return fail(413, 'CB_VA01', {
      en: 'The request body is too large.',
      ja: 'リクエストボディが大きすぎます。',
    });
  },
  fieldSettingsInvalid(key: string, message: LocalizedText): KintoneError {
    return kintoneErrors.invalidParameter(key, message);
  },
} as const;
