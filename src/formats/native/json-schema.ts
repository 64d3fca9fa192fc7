// The JSON Schema of the native manifest, for editors (schema/manifest.schema.json).
import { z } from 'zod';
import { manifestSchema } from './schema.js';

export function manifestJsonSchema(): object {
  return {
    ...z.toJSONSchema(manifestSchema, { io: 'input', unrepresentable: 'any' }),
    $id: 'https://github.com/collapse-guard/collapse-guard/schema/manifest.schema.json',
    title: 'collapse-guard dataset manifest',
    description: 'A training dataset: dataset-level facts (audit, evaluation) and the shards with counts, hashes and provenance.',
  };
}
