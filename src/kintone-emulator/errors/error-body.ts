/**
 * Renders a KintoneError as Kintone's JSON error body: `code`, a random 20-character `id`,
 * `message` and, for validation failures, `errors` (facts sheet §6.1), in one language.
 */
import { randomBytes } from 'node:crypto';
import type { KintoneError, MessageLanguage } from './kintone-error.js';

export interface KintoneErrorBody {
  code: string;
  id: string;
  message: string;
  errors?: Record<string, { messages: string[] }>;
}

const idAlphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A random identifier like Kintone's error ids: 20 characters of [A-Za-z0-9]. */
export function randomErrorId(): string {
  const bytes = randomBytes(20);
  let id = '';
  for (const byte of bytes) id += idAlphabet[byte % idAlphabet.length] ?? 'A';
  return id;
}

export function errorBody(error: KintoneError, language: MessageLanguage): KintoneErrorBody {
  const body: KintoneErrorBody = {
    code: error.code,
    id: randomErrorId(),
    message: error.text[language],
  };
  if (error.details !== undefined && error.details.size > 0) {
    const errors: Record<string, { messages: string[] }> = {};
    for (const [key, messages] of error.details) {
      errors[key] = { messages: messages.map((message) => message[language]) };
    }
    body.errors = errors;
  }
  return body;
}
