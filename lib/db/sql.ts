import type pg from "pg";

/**
 * The one database handle that lib/ functions take: a pg pool (each query on any free connection)
 * or one connection (inside a transaction opened by withTransaction). Both have pg's `query`.
 */
export type Sql = Pick<pg.Pool | pg.PoolClient, "query">;

/** A pool, or a connection already checked out of one (a worker's dedicated writer connection). */
export type TransactionTarget = pg.Pool | pg.PoolClient;

function isPoolClient(target: TransactionTarget): target is pg.PoolClient {
  return typeof (target as pg.PoolClient).release === "function";
}

/**
 * Runs `work` inside BEGIN … COMMIT on one connection and rolls back if it throws (the error is
 * rethrown). Given a pool, it checks a connection out for the transaction and returns it after;
 * given a connection, it uses that one and leaves it checked out.
 */
export async function withTransaction<T>(target: TransactionTarget, work: (tx: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = isPoolClient(target) ? target : await target.connect();
  try {
    await client.query("BEGIN");
    try {
      const result = await work(client);
      await client.query("COMMIT");
      return result;
    } catch (error) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw error;
    }
  } finally {
    if (!isPoolClient(target)) client.release();
  }
}
