/** A store's answer: SQLite gives it at once, Postgres over the network. Callers await either. */
export type Awaitable<T> = T | Promise<T>;
