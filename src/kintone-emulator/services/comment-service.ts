/**
 * Record comments (facts sheet §3.9): list (newest first by default, at most 10 per call,
 * with `older` / `newer` flags), add (mentions prefixed to the text) and delete (unknown
 * comment → 400 GAIA_RE02). Comment ids are numbered per record.
 */
import { kintoneErrors } from '../errors/kintone-errors.js';
import { validationMessages } from '../errors/validation-messages.js';
import { toKintoneDateTime } from '../records/date-normalization.js';
import type { UserEntity } from '../model/record.js';
import type { RecordComment } from '../store/emulator-state.js';
import { requireLiveApp } from './access-control.js';
import { actorOf, type CallContext } from './call-context.js';

export interface CommentView {
  id: string;
  text: string;
  createdAt: string;
  creator: UserEntity;
  mentions: { code: string; type: string }[];
}

function requireRecord(context: CallContext, appId: number, recordId: number): number {
  const { app } = requireLiveApp(context, appId, 'view');
  if (context.domain.state.records(app.id).get(recordId) === undefined) {
    throw kintoneErrors.recordNotFound(String(recordId));
  }
  return app.id;
}

export function listComments(
  context: CallContext,
  input: { app: number; record: number; order?: 'asc' | 'desc'; offset?: number; limit?: number },
): { comments: CommentView[]; older: boolean; newer: boolean } {
  const limit = input.limit ?? 10;
  const offset = input.offset ?? 0;
  if (limit < 0 || limit > 10)
    throw kintoneErrors.invalidParameter('limit', validationMessages.valueBetween(0, 10));
  const appId = requireRecord(context, input.app, input.record);
  const all = context.domain.state.commentThread(appId, input.record)?.comments ?? [];
  const ordered = input.order === 'asc' ? all : [...all].reverse();
  const page = ordered.slice(offset, offset + limit);
  const hasBefore = offset > 0;
  const hasAfter = offset + page.length < ordered.length;
  const descending = input.order !== 'asc';
  return {
    comments: page.map((comment) => ({
      id: String(comment.id),
      text: comment.text,
      createdAt: comment.createdAt,
      creator: comment.creator,
      mentions: comment.mentions.map((mention) => ({ ...mention })),
    })),
    older: descending ? hasAfter : hasBefore,
    newer: descending ? hasBefore : hasAfter,
  };
}

function mentionName(context: CallContext, mention: { code: string; type: string }): string {
  const { state } = context.domain;
  switch (mention.type) {
    case 'GROUP': {
      const group = state.groups.get(mention.code);
      if (group === undefined) throw kintoneErrors.groupNotFound(mention.code);
      return group.name;
    }
    case 'ORGANIZATION': {
      const organization = state.organizations.get(mention.code);
      if (organization === undefined) throw kintoneErrors.organizationNotFound(mention.code);
      return organization.name;
    }
    default:
      if (!state.users.has(mention.code)) throw kintoneErrors.userNotFound(mention.code);
      return mention.code;
  }
}

export function addComment(
  context: CallContext,
  input: {
    app: number;
    record: number;
    text: string;
    mentions: readonly { code: string; type: string }[];
  },
): { id: string } {
  if (input.text.length > 65_535) {
    throw kintoneErrors.invalidParameter('comment.text', validationMessages.textTooLong(65_535));
  }
  if (input.mentions.length > 10) {
    throw kintoneErrors.invalidParameter('comment.mentions', validationMessages.tooManyItems(10));
  }
  const appId = requireRecord(context, input.app, input.record);
  const { state, clock } = context.domain;
  const prefix = input.mentions.map((mention) => mentionName(context, mention)).join(' ');
  return state.transaction(() => {
    const thread = state.commentThread(appId, input.record) ?? { nextId: 1, comments: [] };
    const comment: RecordComment = {
      id: thread.nextId,
      text: prefix === '' ? input.text : `${prefix} \n${input.text}`,
      createdAt: toKintoneDateTime(clock.now()),
      creator: actorOf(context),
      mentions: input.mentions.map((mention) => ({ code: mention.code, type: mention.type })),
    };
    state.putComments(appId, input.record, {
      nextId: thread.nextId + 1,
      comments: [...thread.comments, comment],
    });
    return { id: String(comment.id) };
  });
}

export function deleteComment(
  context: CallContext,
  input: { app: number; record: number; comment: number },
): Record<string, never> {
  const appId = requireRecord(context, input.app, input.record);
  const { state } = context.domain;
  const thread = state.commentThread(appId, input.record);
  if (thread?.comments.some((comment) => comment.id === input.comment) !== true) {
    throw kintoneErrors.commentNotFound();
  }
  state.transaction(() =>
    state.putComments(appId, input.record, {
      nextId: thread.nextId,
      comments: thread.comments.filter((comment) => comment.id !== input.comment),
    }),
  );
  return {};
}
