/** Admin management of accounts: create doctors and admins, list, unlock, disable and enable. */
import { and, asc, eq, sql } from 'drizzle-orm';
import { notFound } from '../../../core/errors.ts';
import type { Db } from '../../db/client.ts';
import { users } from '../../db/schema/index.ts';
import { decodeCursor, toPage } from '../../http/pagination.ts';
import { createAccount, type AuthDeps, type NewAccount } from '../auth/index.ts';
import type { AdminUser, UserListQuery } from './schema.ts';

type UserRow = typeof users.$inferSelect;

const toAdminUser = (r: UserRow): AdminUser => ({
  id: r.id,
  email: r.email,
  role: r.role,
  displayName: r.displayName,
  disabled: r.disabledAt !== null,
  lockedUntil: r.lockedUntil && r.lockedUntil > new Date() ? r.lockedUntil.toISOString() : null,
  createdAt: r.createdAt.toISOString(),
});

async function byId(db: Db, id: string): Promise<UserRow> {
  const [row] = await db.select().from(users).where(eq(users.id, id)).limit(1);
  if (!row) throw notFound('user.not_found', 'No user has this id.');
  return row;
}

export async function create(deps: AuthDeps, account: NewAccount): Promise<AdminUser> {
  return toAdminUser(await byId(deps.db, await createAccount(deps, account)));
}

export async function list(db: Db, query: UserListQuery) {
  const after = decodeCursor(query.cursor);
  const rows = await db
    .select()
    .from(users)
    .where(
      and(
        query.role ? eq(users.role, query.role) : undefined,
        after ? sql`(lower(${users.email}), ${users.id}) > (${after[0]}, ${after[1]}::uuid)` : undefined,
      ),
    )
    .orderBy(asc(sql`lower(${users.email})`), asc(users.id))
    .limit(query.limit + 1);
  const page = toPage(rows, query.limit, (r) => [r.email.toLowerCase(), r.id]);
  return { items: page.items.map(toAdminUser), nextCursor: page.nextCursor };
}

export async function unlock(db: Db, id: string): Promise<AdminUser> {
  await byId(db, id);
  const [row] = await db
    .update(users)
    .set({ lockedUntil: null, failedLogins: 0 })
    .where(eq(users.id, id))
    .returning();
  return toAdminUser(row!);
}

export async function setDisabled(db: Db, id: string, disabled: boolean): Promise<AdminUser> {
  await byId(db, id);
  const [row] = await db
    .update(users)
    .set({ disabledAt: disabled ? new Date() : null })
    .where(eq(users.id, id))
    .returning();
  return toAdminUser(row!);
}
