import { writeFile } from 'node:fs/promises';
import { relative } from 'node:path';
import { API_TYPES_PATH, renderApiTypes } from './api-types';
import { readOpenApiDocuments } from './openapi-documents';

// `npm run gen:api-types`: regenerate the typed client's types after an API schema change.
const { dev } = await readOpenApiDocuments();
await writeFile(API_TYPES_PATH, await renderApiTypes(dev));
console.log(`wrote ${relative(process.cwd(), API_TYPES_PATH)}`);
