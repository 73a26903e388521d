/**
 * Child-process supervision for the local stack: every child runs in its own process group so
 * stopping it also stops whatever it spawned, and `stopAll` leaves nothing behind.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, mkdirSync } from "node:fs";
import { join } from "node:path";

export interface Supervised {
  readonly name: string;
  readonly child: ChildProcess;
  /** Resolves when the process has exited. */
  readonly exited: Promise<number | null>;
  stop(): Promise<void>;
}

const running = new Set<Supervised>();

export interface StartOptions {
  cwd?: string;
  env?: Record<string, string | undefined>;
  /** Write output to this log file instead of inheriting the terminal. */
  logFile?: string;
  /** Prefix each output line with the name, on the terminal. */
  echo?: boolean;
}

export function startProcess(name: string, command: string, args: string[], options: StartOptions = {}): Supervised {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    detached: true, // own process group: kill(-pid) reaches grandchildren
    stdio: ["ignore", "pipe", "pipe"],
  });
  if (options.logFile) {
    mkdirSync(join(options.logFile, ".."), { recursive: true });
    const log = createWriteStream(options.logFile, { flags: "a" });
    child.stdout!.pipe(log);
    child.stderr!.pipe(log);
  }
  if (options.echo) {
    const prefix = `[${name}] `;
    for (const stream of [child.stdout!, child.stderr!]) {
      let buffer = "";
      stream.on("data", (chunk: Buffer) => {
        buffer += chunk.toString();
        const lines = buffer.split("\n");
        buffer = lines.pop()!;
        for (const line of lines) process.stdout.write(prefix + line + "\n");
      });
    }
  }
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const supervised: Supervised = {
    name,
    child,
    exited,
    async stop() {
      running.delete(supervised);
      if (child.exitCode !== null || child.signalCode !== null) return;
      signalGroup(child, "SIGTERM");
      const timer = setTimeout(() => signalGroup(child, "SIGKILL"), 5_000);
      await exited;
      clearTimeout(timer);
      signalGroup(child, "SIGKILL"); // anything the leader left behind in its group
    },
  };
  running.add(supervised);
  return supervised;
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    process.kill(-child.pid!, signal);
  } catch {
    // already gone
  }
}

/** Stops every process started here, newest first. */
export async function stopAll(): Promise<void> {
  for (const p of [...running].reverse()) await p.stop();
}

/** Runs a command to completion; rejects with its output when it fails. */
export async function run(command: string, args: string[], options: StartOptions = {}): Promise<string> {
  const p = startProcess(command, command, args, options);
  let output = "";
  p.child.stdout!.on("data", (d: Buffer) => (output += d.toString()));
  p.child.stderr!.on("data", (d: Buffer) => (output += d.toString()));
  const code = await p.exited;
  running.delete(p);
  if (code !== 0) throw new Error(`${command} ${args.join(" ")} exited with ${code}\n${output}`);
  return output;
}

/** Polls `check` until it returns a value or `timeoutMs` passes. */
export async function waitFor<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 60_000, everyMs = 250): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}${lastError ? `: ${String(lastError)}` : ""}`);
}
