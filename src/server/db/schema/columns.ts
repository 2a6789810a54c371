/** Column helpers shared by the tables. No top-level await or import.meta here: drizzle-kit loads these as CommonJS. */
import { customType, timestamp, uuid } from 'drizzle-orm/pg-core';
import { v7 as uuidv7 } from 'uuid';

/** UUIDv7 primary key, generated in the app (PostgreSQL 15 has no uuidv7()). Time-ordered, so inserts stay local in the index. */
export const id = () =>
  uuid('id')
    .primaryKey()
    .$defaultFn(() => uuidv7());

export const newId = (): string => uuidv7();

export const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
export const updatedAt = () =>
  timestamp('updated_at', { withTimezone: true })
    .notNull()
    .defaultNow()
    .$onUpdate(() => new Date());

/** Exact decimal carried as a string so money never passes through a float. */
export const money = customType<{ data: string; driverData: string }>({
  dataType: () => 'numeric(12,2)',
});
