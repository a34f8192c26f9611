/**
 * Picks the message language from `Accept-Language` (facts sheet §1): the highest-q
 * language the emulator speaks (English or Japanese); `*`, an absent header or only other
 * languages give the domain's default.
 */
import type { MessageLanguage } from '../errors/kintone-error.js';

export function languageFromHeader(
  header: string | undefined,
  fallback: MessageLanguage,
): MessageLanguage {
  if (header === undefined || header.trim() === '') return fallback;
  const candidates = header
    .split(',')
    .map((part, position) => {
      const [tag = '', ...parameters] = part.trim().split(';');
      const quality = parameters
        .map((parameter) => /^\s*q=([\d.]+)\s*$/.exec(parameter)?.[1])
        .find((value) => value !== undefined);
      return {
        tag: tag.trim().toLowerCase(),
        quality: quality === undefined ? 1 : Number(quality),
        position,
      };
    })
    .filter((candidate) => candidate.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.position - b.position);
  for (const candidate of candidates) {
    if (candidate.tag === '*') return fallback;
    const primary = candidate.tag.split('-')[0];
    if (primary === 'en' || primary === 'ja') return primary;
  }
  return fallback;
}
