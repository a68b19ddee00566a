/**
 * Property: whatever the secret, nothing the renderer can receive about profiles — the list, a save's
 * summary, a refusal's message — contains it, plain or encoded, nor the whole API key. The profiles
 * file holds it only as ciphertext.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IpcFailure } from '../../../electron/ipc/dispatch';
import { alnum, hmacInput, makeService, profilesFile, tempDir } from './helpers';

/** Every form in which a leaked secret could show up in text. */
function encodings(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  return [
    secret,
    bytes.toString('hex'),
    bytes.toString('hex').toUpperCase(),
    bytes.toString('base64'),
    bytes.toString('base64url'),
    encodeURIComponent(secret),
    JSON.stringify(secret).slice(1, -1),
  ];
}

function expectAbsent(text: string, secret: string): void {
  for (const form of encodings(secret)) expect(text).not.toContain(form);
}

/** HMAC secrets as the vault accepts them: 16–128 printable ASCII characters, no spaces. */
const secretArbitrary = fc.string({ unit: fc.constantFrom(...'!"#$%&\'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~'), minLength: 16, maxLength: 128 });

describe('summaries never carry a secret or a whole API key', () => {
  it('for any accepted secret: not in listProfiles(), not in the summary, only ciphertext in the file', () => {
    const dir = tempDir();
    const service = makeService(dir);
    let n = 0;
    fc.assert(
      fc.property(secretArbitrary, fc.boolean(), (secret, edit) => {
        const input = hmacInput({ name: `Profile ${n++}`, secret });
        const summary = service.saveProfile(input);
        if (edit) service.saveProfile({ ...input, id: summary.id, secret: undefined, name: `${input.name} edited` });
        const visible = JSON.stringify([summary, service.listProfiles()]);
        expectAbsent(visible, secret);
        expect(visible).not.toContain(input.apiKey);
        expect(visible).toContain(input.apiKey.slice(-4));
        expectAbsent(readFileSync(profilesFile(dir), 'utf8'), secret);
        service.deleteProfile(summary.id);
      }),
      { numRuns: 100 },
    );
  }, 60_000); // real file writes per run; a busy machine makes them slow

  it('for any refused secret: the refusal message does not quote it', () => {
    const service = makeService(tempDir());
    fc.assert(
      fc.property(
        fc.string({ minLength: 16, maxLength: 200 }).filter((s) => s.trim().length >= 16),
        fc.constantFrom('HMAC', 'ED25519', 'RSA'),
        (secret, keyType) => {
          try {
            const summary = service.saveProfile(hmacInput({ keyType, secret: `${secret}\u0000` }));
            throw new Error(`accepted a secret with a NUL byte: ${summary.id}`);
          } catch (error) {
            expect(error).toBeInstanceOf(IpcFailure);
            expectAbsent((error as Error).message, secret.trim());
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('the API key tail is exactly the last four characters', () => {
    const service = makeService(tempDir());
    const apiKey = alnum(64);
    expect(service.saveProfile(hmacInput({ apiKey })).apiKeyTail).toBe(apiKey.slice(-4));
  });
});
