// Writes docs/errors.md from the error catalogue (npm run docs:errors).
import { writeFileSync } from 'node:fs';
import { renderErrorsDocument } from '../src/errors/errors-document.js';

writeFileSync(new URL('../docs/errors.md', import.meta.url), renderErrorsDocument());
