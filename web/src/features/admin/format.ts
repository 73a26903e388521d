/** Words and numbers of the admin console: percentages, durations, dates. Pure functions. */

/** Basis points as a percentage: 750 → "7.5%". */
export function percentOfBps(bps: number | bigint): string {
  const n = Number(bps);
  return `${Number.isInteger(n / 100) ? n / 100 : (n / 100).toFixed(2).replace(/0$/, "")}%`;
}

/** A duration for people: "90 s", "15 min", "48 h" (up to 3 days), "4 d 6 h", "14 d". */
export function humanDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 120) return `${s} s`;
  if (s < 2 * 3600) return `${Math.round(s / 60)} min`;
  if (s <= 72 * 3600) return `${Math.round(s / 3600)} h`;
  const totalHours = Math.round(s / 3600);
  const days = Math.floor(totalHours / 24);
  const hours = totalHours % 24;
  return hours ? `${days} d ${hours} h` : `${days} d`;
}

/** A countdown: "1 d 02:03:04", "02:03:04". */
export function countdown(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const days = Math.floor(s / 86_400);
  const pad = (n: number) => String(n).padStart(2, "0");
  const clock = `${pad(Math.floor((s % 86_400) / 3600))}:${pad(Math.floor((s % 3600) / 60))}:${pad(s % 60)}`;
  return days ? `${days} d ${clock}` : clock;
}

/** A block timestamp (seconds) as a local date and time, to the minute. */
export function dateTime(seconds: number | bigint): string {
  return new Date(Number(seconds) * 1000).toLocaleString(undefined, { year: "numeric", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit" });
}

/** A UTC day number (days since 1970-01-01) as "Mar 5". */
export function dayLabel(day: number): string {
  return new Date(day * 86_400_000).toLocaleDateString(undefined, { month: "short", day: "numeric", timeZone: "UTC" });
}

export const shortHex = (hex: string, head = 6, tail = 4) => (hex.length > head + tail + 1 ? `${hex.slice(0, head)}…${hex.slice(-tail)}` : hex);
