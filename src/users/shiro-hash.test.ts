import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { shiroHash } from './shiro-hash.js';

test('shiro hash matches an independent implementation (Python hashlib)', () => {
  const salt = Buffer.from('00112233445566778899aabbccddeeff', 'hex');
  const ours = shiroHash('correct horse', { salt, iterations: 1000 });
  const py = `
import hashlib, base64
salt = bytes.fromhex('00112233445566778899aabbccddeeff')
d = hashlib.sha256(salt + 'correct horse'.encode()).digest()
for _ in range(999): d = hashlib.sha256(d).digest()
print('$shiro1$SHA-256$1000$' + base64.b64encode(salt).decode() + '$' + base64.b64encode(d).decode())
`;
  const theirs = execFileSync('python3', ['-c', py], { encoding: 'utf8' }).trim();
  assert.equal(ours, theirs);
});

test('two hashes of one password differ by their random salt and both have the spec format', () => {
  const a = shiroHash('pw', { iterations: 10 });
  const b = shiroHash('pw', { iterations: 10 });
  assert.notEqual(a, b);
  for (const h of [a, b]) assert.match(h, /^\$shiro1\$SHA-256\$10\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
});
