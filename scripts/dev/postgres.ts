/**
 * A throwaway PostgreSQL server for the indexer: `initdb` into a fresh directory, `postgres` in the
 * foreground as a supervised child (so `stopAll` stops it), trust auth on loopback only. Used by the
 * indexer test to run Ponder on a real server beside PGlite; `npm start` can use it the same way.
 *
 * The server binaries come from Debian's `postgresql` package (/usr/lib/postgresql/<major>/bin,
 * Debian 12 ships 15). They are not on PATH there, so they are looked up in that directory first,
 * then on PATH; WORX_PG_BIN names the directory instead. PostgreSQL refuses to run as root: when this process is root, initdb and
 * the server run as the `postgres` system user (created by the package) through `runuser`.
 */
import { execFileSync } from "node:child_process";
import { chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createConnection } from "node:net";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { run, startProcess, waitFor, type Supervised } from "./processes.ts";

export const POSTGRES_APT_PACKAGE = "postgresql";

export interface PostgresServer {
  /** `postgresql://postgres@127.0.0.1:<port>/postgres` */
  url: string;
  port: number;
  dataDir: string;
  process: Supervised;
  /** Stops the server (fast shutdown) and, unless `keepData`, deletes its directory. */
  stop(): Promise<void>;
}

export interface PostgresOptions {
  port?: number;
  /** Data directory; default: a new temporary one. Reused as is when it already holds a cluster. */
  dataDir?: string;
  /** Keep the data directory when the server stops (default: delete a temporary one). */
  keepData?: boolean;
  /**
   * Trade durability for speed (fsync, synchronous_commit and full_page_writes off): fine for a
   * throwaway test server, never for data you want to keep after a machine crash.
   */
  ephemeral?: boolean;
  logFile?: string;
}

/** The directory holding initdb, postgres and pg_isready; throws, naming the apt package, when absent. */
export function findPostgresBin(env: NodeJS.ProcessEnv = process.env): string {
  const candidates: string[] = [];
  if (env.WORX_PG_BIN) {
    candidates.push(env.WORX_PG_BIN); // explicit: the only place looked at
  } else {
    const debian = "/usr/lib/postgresql";
    if (existsSync(debian)) {
      const majors = readdirSync(debian)
        .filter((v) => /^\d+$/.test(v))
        .sort((a, b) => Number(b) - Number(a));
      candidates.push(...majors.map((v) => join(debian, v, "bin")));
    }
    candidates.push(...(env.PATH ?? "").split(delimiter).filter(Boolean));
  }
  const found = candidates.find((dir) => ["initdb", "postgres", "pg_isready"].every((b) => existsSync(join(dir, b))));
  if (!found) {
    const where = env.WORX_PG_BIN ? `WORX_PG_BIN (${env.WORX_PG_BIN})` : "/usr/lib/postgresql/*/bin or PATH";
    throw new Error(
      `PostgreSQL server binaries (initdb, postgres, pg_isready) not found in ${where}. ` +
        `Install Debian's \`${POSTGRES_APT_PACKAGE}\` package: \`apt-get install -y ${POSTGRES_APT_PACKAGE}\` (.ci/run does it), or point WORX_PG_BIN at their directory.`,
    );
  }
  return found;
}

/** When root: run as the `postgres` user (uid/gid from the system), since PostgreSQL refuses root. */
function asServerUser(): { uid: number; gid: number } | undefined {
  if (typeof process.getuid !== "function" || process.getuid() !== 0) return undefined;
  try {
    const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
    const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim());
    return { uid, gid };
  } catch {
    throw new Error(
      `Running as root, and there is no \`postgres\` system user to run PostgreSQL as (it refuses root). ` +
        `Install the \`${POSTGRES_APT_PACKAGE}\` apt package, which creates it, or run as a normal user.`,
    );
  }
}

function command(user: { uid: number; gid: number } | undefined, bin: string, args: string[]): [string, string[]] {
  return user ? ["runuser", ["-u", "postgres", "--", bin, ...args]] : [bin, args];
}

function portAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: "127.0.0.1", port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

/** initdb (when needed) + a foreground `postgres` on 127.0.0.1:`port`; resolves once it accepts connections. */
export async function startPostgres(options: PostgresOptions = {}): Promise<PostgresServer> {
  const bin = findPostgresBin();
  const port = options.port ?? 5544;
  if (await portAnswers(port)) throw new Error(`Cannot start PostgreSQL on port ${port}: something already listens there`);
  const user = asServerUser();
  const temporary = options.dataDir === undefined;
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), "worx-pg-"));
  mkdirSync(dataDir, { recursive: true });
  if (user) chownSync(dataDir, user.uid, user.gid);

  if (!existsSync(join(dataDir, "PG_VERSION"))) {
    // --no-sync: a fresh cluster need not be fsynced to be usable; trust auth, no password.
    const [cmd, args] = command(user, join(bin, "initdb"), ["-D", dataDir, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"]);
    await run(cmd, args);
  }

  const settings = [
    "listen_addresses=127.0.0.1",
    `port=${port}`,
    `unix_socket_directories=${dataDir}`,
    "max_connections=200",
    ...(options.ephemeral ? ["fsync=off", "synchronous_commit=off", "full_page_writes=off"] : []),
  ];
  const [cmd, args] = command(user, join(bin, "postgres"), ["-D", dataDir, ...settings.flatMap((s) => ["-c", s])]);
  const server = startProcess("postgres", cmd, args, { logFile: options.logFile });

  let exited = false;
  void server.exited.then(() => (exited = true));
  await waitFor(
    `PostgreSQL on port ${port}`,
    async () => {
      if (exited) throw new Error(`postgres exited with ${server.child.exitCode}${options.logFile ? `; see ${options.logFile}` : ""}`);
      const ready = await run(join(bin, "pg_isready"), ["-q", "-h", "127.0.0.1", "-p", String(port), "-U", "postgres"]).then(
        () => true,
        () => false,
      );
      return ready ? true : undefined;
    },
    30_000,
    100,
  ).catch((error) => {
    void server.stop();
    throw error;
  });

  return {
    url: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    port,
    dataDir,
    process: server,
    async stop() {
      // SIGINT is PostgreSQL's "fast" shutdown: it does not wait for clients to disconnect.
      if (server.child.exitCode === null && server.child.signalCode === null) {
        try {
          process.kill(-server.child.pid!, "SIGINT");
        } catch {
          // already gone
        }
        await Promise.race([server.exited, new Promise((r) => setTimeout(r, 10_000))]);
      }
      await server.stop();
      if (temporary && !options.keepData) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
