/** The self-service link tokens: bound to one appointment and one action, signed, and nothing else verifies. */
import { randomBytes } from 'node:crypto';
import { LinkTokens } from '../../../src/self-service/link-tokens';

const key = randomBytes(32);
const tokens = new LinkTokens(key);

test('a token verifies for the appointment and the action it was signed for', () => {
  for (const id of ['a1', 'crm:appt.2026-11_30', 'x'.repeat(128)])
    for (const action of ['cancel', 'confirm', 'reschedule'] as const)
      expect({ id, action, verified: tokens.verify(tokens.sign(id, action), action) }).toEqual({
        id,
        action,
        verified: id,
      });
});

test('a token is only good for its own action', () => {
  const cancel = tokens.sign('a1', 'cancel');
  expect(tokens.verify(cancel, 'confirm')).toBeUndefined();
  expect(tokens.verify(tokens.sign('a1', 'reschedule'), 'cancel')).toBeUndefined();
});

test("another appointment's signature does not carry over: the ID part swapped keeps nothing valid", () => {
  const [, tagOfA1] = tokens.sign('a1', 'cancel').split('.');
  const [idOfA2] = tokens.sign('a2', 'cancel').split('.');
  expect(tokens.verify(`${idOfA2}.${tagOfA1}`, 'cancel')).toBeUndefined();
});

test('a token signed with another key is refused', () => {
  expect(new LinkTokens(randomBytes(32)).verify(tokens.sign('a1', 'cancel'), 'cancel')).toBeUndefined();
});

test('altered, truncated or malformed tokens are refused', () => {
  const token = tokens.sign('a1', 'cancel');
  const [id, tag] = token.split('.') as [string, string];
  const flipped = `${tag.slice(0, 5)}${tag[5] === 'A' ? 'B' : 'A'}${tag.slice(6)}`;
  const malformed = [
    `${id}.${flipped}`,
    `${id}.${tag.slice(0, -1)}`,
    `${id}.${tag}A`,
    `${id}.${tag}=`,
    `${id}.${tag}.x`,
    `${id}`,
    `.${tag}`,
    `${id}.`,
    '',
    '.',
    `${id}.${tag.replace(/[A-Za-z]/, '!')}`,
    `${Buffer.from('bad id').toString('base64url')}.${tag}`,
    `${Buffer.from('a1').toString('base64')}==.${tag}`,
  ];
  for (const candidate of malformed)
    expect({ candidate, verified: tokens.verify(candidate, 'cancel') }).toEqual({ candidate, verified: undefined });
});

test('an ID that is not one of the CRM’s is never accepted, even when signed', () => {
  expect(tokens.verify(tokens.sign('bad id', 'cancel'), 'cancel')).toBeUndefined();
});

test('tokens are URL-safe, carry a 128-bit tag, and differ between appointments and actions', () => {
  const seen = new Set<string>();
  for (const id of ['a1', 'a2'])
    for (const action of ['cancel', 'confirm'] as const) {
      const token = tokens.sign(id, action);
      expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{22}$/);
      seen.add(token.split('.')[1] as string);
    }
  expect(seen.size).toBe(4);
  // the key is not the MAC key: the token's tag is not a plain HMAC of the message with LINK_SIGNING_KEY
  expect(tokens.sign('a1', 'cancel')).not.toContain(key.toString('base64url').slice(0, 10));
});
