// Writes the synthetic example traces to public/examples/traces/ (the own format, Megatron-LM's
// rank files with their bf16 logits, a vLLM log). Run: node --import tsx bench/makeTraceExamples.ts
// tests/engine/traces/examples.test.ts fails when the committed files differ from what this writes.

import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { syntheticExampleFiles } from '../src/engine/traces/syntheticExamples';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', 'public', 'examples', 'traces');
for (const [path, content] of syntheticExampleFiles()) {
  const target = join(root, path);
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, content);
  console.log(`${path}: ${content.length} ${typeof content === 'string' ? 'characters' : 'bytes'}`);
}
