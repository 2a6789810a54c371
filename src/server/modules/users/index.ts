/** Users: admins manage accounts (the CLI's `users` command uses the same functions). */
export { userRoutes } from './routes.ts';
export { create as createUser, list as listUsers } from './service.ts';
