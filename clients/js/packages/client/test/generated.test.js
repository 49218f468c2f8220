// The client's types are generated from the committed openapi/v1.json, never kept by hand: regenerating them from the
// document must give the committed file (run `npm run generate` after the document changes).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../', import.meta.url));

test('src/generated/v1.d.ts is what openapi-typescript makes of openapi/v1.json', () => {
  const output = path.join(mkdtempSync(path.join(tmpdir(), 'signaling-types-')), 'v1.d.ts');
  execFileSync(process.execPath, [path.join(root, 'node_modules/openapi-typescript/bin/cli.js'), '../../openapi/v1.json', '-o', output], {
    cwd: root,
    stdio: 'ignore',
  });
  assert.equal(
    readFileSync(path.join(root, 'packages/client/src/generated/v1.d.ts'), 'utf8'),
    readFileSync(output, 'utf8'),
    'The generated types are stale: run `npm run generate` in clients/js and commit.');
});
