/**
 * Files (facts sheet §3.8): an upload returns a temporary key (valid 3 days unless used);
 * attaching it to a record turns it into a permanent download key (see record building);
 * downloads take a download key and need view rights on the file's app.
 */
import { kintoneErrors } from '../errors/kintone-errors.js';
import { newUploadKey } from '../records/field-value-conversion.js';
import { requireLiveApp } from './access-control.js';
import type { CallContext } from './call-context.js';

export function uploadFile(
  context: CallContext,
  input: { name: string; contentType: string; content: Buffer },
): { fileKey: string } {
  const { state, clock } = context.domain;
  const key = newUploadKey();
  state.transaction(() =>
    state.putUpload({
      key,
      name: input.name,
      contentType: input.contentType,
      content: input.content,
      uploadedAt: clock.nowMilliseconds(),
    }),
  );
  return { fileKey: key };
}

export function downloadFile(
  context: CallContext,
  fileKey: string,
): { name: string; contentType: string; content: Buffer } {
  const file = context.domain.state.files.get(fileKey);
  if (file === undefined) throw kintoneErrors.fileNotFound(fileKey);
  requireLiveApp(context, file.app, 'view');
  return { name: file.name, contentType: file.contentType, content: file.content };
}
