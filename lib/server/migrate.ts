import fs from "node:fs";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import {
  bindMigrationAwareSqlAdapterFactory,
  ColumnTypeEnum,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
} from "@prisma/driver-adapter-utils";
import { createRequire } from "node:module";
import type { MigrationList, SchemaEngine } from "@prisma/schema-engine-wasm";
import * as engineGlue from "@prisma/schema-engine-wasm/schema_engine_bg";

/**
 * Prisma's CLI migrate needs a native engine downloaded from outside the npm registry, so Cielo
 * drives the same engine compiled to WebAssembly (see docs/decisions/0002-prisma-wasm-migrations.md).
 * Migrations stay standard `prisma/migrations/<timestamp>_<name>/migration.sql` folders recorded in
 * `_prisma_migrations`, so `prisma migrate deploy` on a machine with the native engine agrees.
 */

const PRISMA_DIR = path.resolve(import.meta.dirname, "../../prisma");
const NO_FILTER = { externalTables: [], externalEnums: [] };

export function readSchema(): string {
  return fs.readFileSync(path.join(PRISMA_DIR, "schema.prisma"), "utf8");
}

export function readMigrationList(migrationsDir = path.join(PRISMA_DIR, "migrations")): MigrationList {
  const lockPath = path.join(migrationsDir, "migration_lock.toml");
  const dirs = fs.existsSync(migrationsDir)
    ? fs
        .readdirSync(migrationsDir, { withFileTypes: true })
        .filter((d) => d.isDirectory())
        .map((d) => d.name)
        .sort()
    : [];
  return {
    baseDir: migrationsDir,
    lockfile: {
      path: "migration_lock.toml",
      content: fs.existsSync(lockPath) ? fs.readFileSync(lockPath, "utf8") : null,
    },
    shadowDbInitScript: "",
    migrationDirectories: dirs.map((name) => {
      const file = path.join(migrationsDir, name, "migration.sql");
      return {
        path: name,
        migrationFile: {
          path: "migration.sql",
          content: fs.existsSync(file)
            ? { tag: "ok" as const, value: fs.readFileSync(file, "utf8") }
            : { tag: "error" as const, value: `missing ${file}` },
        },
      };
    }),
  };
}

type WasmExports = WebAssembly.Exports & { __wbindgen_start(): void };
let engineClass: Promise<typeof SchemaEngine> | undefined;

/**
 * The package's entry imports the .wasm as an ES module (a bundler feature Node lacks), so the
 * module is instantiated here against the package's own JS glue.
 */
let lastPanic: string | undefined;

function loadSchemaEngine(): Promise<typeof SchemaEngine> {
  engineClass ??= (async () => {
    // The engine reports Rust panics through this global before throwing "unreachable".
    (globalThis as { PRISMA_WASM_PANIC_REGISTRY?: unknown }).PRISMA_WASM_PANIC_REGISTRY = {
      set_message: (message: string) => {
        lastPanic = message;
      },
    };
    const require = createRequire(import.meta.url);
    const gluePath = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
    const wasmPath = path.join(path.dirname(gluePath), "schema_engine_bg.wasm");
    const wasmModule = await WebAssembly.compile(fs.readFileSync(wasmPath));
    // The engine arms 10 s timers (query timeouts) that it never clears; unref them so a process
    // that has finished migrating can exit instead of waiting for them.
    const imports: WebAssembly.ModuleImports = { ...(engineGlue as unknown as WebAssembly.ModuleImports) };
    for (const name of Object.keys(imports).filter((key) => key.startsWith("__wbg_setTimeout_"))) {
      imports[name] = (callback: () => void, ms: number) => setTimeout(callback, ms >>> 0).unref();
    }
    const instance = await WebAssembly.instantiate(wasmModule, { "./schema_engine_bg.js": imports });
    const exports = instance.exports as WasmExports;
    engineGlue.__wbg_set_wasm(exports);
    exports.__wbindgen_start();
    return engineGlue.SchemaEngine;
  })();
  return engineClass;
}

const PG_CHAR_OID = 18;
const PG_TEXT_OID = 25;
interface PgResult {
  fields: { dataTypeID: number }[];
  rows: unknown[];
}
interface PgAdapterInternals {
  performIO(query: unknown): Promise<PgResult>;
  queryRaw(query: unknown): Promise<{ columnTypes: number[]; rows: unknown[] }>;
}

/**
 * The engine describes a database through catalog queries returning PostgreSQL's one-byte
 * `"char"` type (pg_constraint.contype, pg_class.relkind), which @prisma/adapter-pg 7.10 rejects
 * as an unsupported column type. Mark those columns as text for the adapter's mapping, then
 * report them to the engine as `Character`, the type its describer reads. Only the migration
 * tooling uses this wrapper; the app's client is the plain adapter.
 */
function reportCharColumns(adapter: SqlDriverAdapter): SqlDriverAdapter {
  const internals = adapter as unknown as PgAdapterInternals;
  const charColumnsByRows = new WeakMap<unknown[], number[]>();
  const performIO = internals.performIO.bind(adapter);
  const queryRaw = internals.queryRaw.bind(adapter);
  internals.performIO = async (query) => {
    const result = await performIO(query);
    const charColumns: number[] = [];
    result.fields.forEach((field, index) => {
      if (field.dataTypeID === PG_CHAR_OID) {
        field.dataTypeID = PG_TEXT_OID;
        charColumns.push(index);
      }
    });
    if (charColumns.length > 0) charColumnsByRows.set(result.rows, charColumns);
    return result;
  };
  internals.queryRaw = async (query) => {
    const result = await queryRaw(query);
    for (const index of charColumnsByRows.get(result.rows) ?? []) result.columnTypes[index] = ColumnTypeEnum.Character;
    return result;
  };
  return adapter;
}

interface PgAdapterScript {
  executeScript(script: string): Promise<void>;
  underlyingDriver(): pg.Pool | pg.PoolClient;
  onError(error: unknown): never;
}

/**
 * @prisma/adapter-pg 7.10 runs a migration script by splitting it on every `;`, which cuts a
 * function body (`$$ … ; … $$`) apart. Send the script whole instead, in one simple query (one
 * implicit transaction), as Prisma's native engine does.
 */
function executeScriptsWhole(adapter: SqlDriverAdapter): SqlDriverAdapter {
  const internals = adapter as unknown as PgAdapterScript;
  internals.executeScript = async (script) => {
    try {
      await internals.underlyingDriver().query(script);
    } catch (error) {
      internals.onError(error);
    }
  };
  return adapter;
}

function migrationAdapterFactory(pool: pg.Pool): SqlMigrationAwareDriverAdapterFactory {
  const base = new PrismaPg(pool);
  const track = (adapter: SqlDriverAdapter) => executeScriptsWhole(reportCharColumns(adapter));
  return {
    provider: base.provider,
    adapterName: base.adapterName,
    connect: async () => track(await base.connect()),
    connectToShadowDb: async () => track(await base.connectToShadowDb()),
  };
}

async function withEngine<T>(databaseUrl: string, run: (engine: SchemaEngine) => Promise<T>): Promise<T> {
  // Our own pool, ended below: the adapter's disposal leaves idle connections that hold the
  // process open for pg's idle timeout (10 s).
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  const adapterFactory = bindMigrationAwareSqlAdapterFactory(migrationAdapterFactory(pool));
  const Engine = await loadSchemaEngine();
  const engine = await Engine.new({ datamodels: [["schema.prisma", readSchema()]] }, () => undefined, adapterFactory);
  try {
    return await run(engine);
  } catch (error) {
    if (lastPanic) throw new Error(`Prisma schema engine panicked: ${lastPanic}`, { cause: error });
    throw error;
  } finally {
    engine.free();
    await pool.end();
  }
}

/** Applies every migration not yet recorded in the database; returns the names applied now. */
export async function applyMigrations(databaseUrl: string): Promise<string[]> {
  return withEngine(databaseUrl, async (engine) => {
    const result = await engine.applyMigrations({ migrationsList: readMigrationList(), filters: NO_FILTER });
    return result.appliedMigrationNames;
  });
}

/**
 * SQL that brings a database with every current migration applied to the state of
 * schema.prisma (empty string when they agree). Used by `npm run db:migration -- <name>`.
 */
export async function diffDatabaseToSchema(databaseUrl: string): Promise<string> {
  return withEngine(databaseUrl, async (engine) => {
    const result = await engine.diff({
      // "schemaDatasource" = the database behind the driver adapter, i.e. `databaseUrl`.
      from: { tag: "schemaDatasource", files: [{ path: "schema.prisma", content: readSchema() }], configDir: PRISMA_DIR },
      to: { tag: "schemaDatamodel", files: [{ path: "schema.prisma", content: readSchema() }] },
      script: true,
      exitCode: null,
      filters: NO_FILTER,
    });
    return (result.stdout ?? "").trim();
  });
}
