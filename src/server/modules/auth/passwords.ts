/** argon2id hashing with OWASP's minimum parameters (19 MiB, 2 passes, 1 lane): ~50 ms per hash here. */
import { hash, verify } from '@node-rs/argon2';

const PARAMS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const hashPassword = (password: string): Promise<string> => hash(password, PARAMS);

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** Verified against when the email is unknown, so "no such user" costs the same time as "wrong password". */
let dummy: Promise<string> | undefined;
export async function burnVerifyTime(password: string): Promise<void> {
  dummy ??= hashPassword('timing-equaliser-not-a-real-password');
  await verifyPassword(await dummy, password);
}
