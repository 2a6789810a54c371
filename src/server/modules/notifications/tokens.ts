/**
 * Unsubscribe tokens: `<recipient>|<category>` signed with the server secret (HMAC-SHA256), so a link
 * unsubscribes exactly one person from one category and cannot be forged or edited. Nothing is stored.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { CATEGORIES, type Category } from './rules.ts';

const RECIPIENT_RE = /^(user|patient):[0-9a-f-]{36}$/;

const mac = (secret: string, payload: string): Buffer =>
  createHmac('sha256', secret).update(`unsubscribe\0${payload}`).digest();

export function unsubscribeToken(secret: string, recipient: string, category: Category): string {
  const payload = `${recipient}|${category}`;
  return `${Buffer.from(payload).toString('base64url')}.${mac(secret, payload).toString('base64url')}`;
}

export function readUnsubscribeToken(
  secret: string,
  token: string,
): { recipient: string; category: Category } | undefined {
  const [encoded, signature, extra] = token.split('.');
  if (!encoded || !signature || extra !== undefined) return undefined;
  const payload = Buffer.from(encoded, 'base64url').toString('utf8');
  const given = Buffer.from(signature, 'base64url');
  const expected = mac(secret, payload);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  const [recipient, category] = payload.split('|');
  if (!recipient || !RECIPIENT_RE.test(recipient)) return undefined;
  if (!CATEGORIES.includes(category as Category)) return undefined;
  return { recipient, category: category as Category };
}
