/**
 * Renders docs/errors.md from the error catalogue, so that the documentation can never
 * drift from the codes the gateway really answers with.
 */
import { catalogueStages } from './catalogue/index.js';

export function renderErrorsDocument(): string {
  const lines: string[] = [
    '# Error catalogue',
    '',
    '<!-- Generated from src/errors/catalogue by `npm run docs:errors`; do not edit by hand. -->',
    '',
    'Every error the gateway answers with is an OData JSON error body:',
    '',
    '```json',
    '{ "error": { "code": "TSG202", "message": "...", "target": "$filter", "details": [] } }',
    '```',
    '',
    'Codes are stable and grouped by the pipeline stage that raises them; a retired code is',
    "never reused. Errors from a source keep the source's own code in `details` (Kintone",
    'codes such as `GAIA_RE01`), and unexpected failures (TSG900) name only the request id',
    'under which the log has the details.',
    '',
  ];
  for (const stage of catalogueStages) {
    lines.push(
      `## ${stage.title}`,
      '',
      '| Code | HTTP | Title | When and what to do |',
      '|---|---|---|---|',
    );
    for (const [code, entry] of Object.entries(stage.codes)) {
      lines.push(
        `| ${code} | ${entry.status} | ${entry.title} | ${entry.description.replaceAll('|', '\\|')} |`,
      );
    }
    lines.push('');
  }
  return lines.join('\n');
}
