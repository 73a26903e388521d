/**
 * A small bar chart of one value per UTC day, hand-drawn in SVG (no chart library): one bar per
 * day from `fromDay` to `toDay` (days without data are zero), the maximum on the axis, first and
 * last day below, each bar's value in its tooltip. Screen readers get the same numbers as a list.
 */
import { dayLabel } from "../format.ts";

export interface DailyBarsProps {
  title: string;
  /** Sparse: days without a point are drawn as zero. */
  points: readonly { day: number; value: bigint }[];
  fromDay: number;
  toDay: number;
  format: (value: bigint) => string;
  testId: string;
}

const W = 320;
const H = 120;
const PAD = { top: 14, right: 4, bottom: 18, left: 4 };

export function DailyBars({ title, points, fromDay, toDay, format, testId }: DailyBarsProps) {
  const byDay = new Map(points.map((p) => [p.day, p.value]));
  const days = Array.from({ length: Math.max(1, toDay - fromDay + 1) }, (_, i) => fromDay + i);
  const values = days.map((d) => byDay.get(d) ?? 0n);
  const max = values.reduce((m, v) => (v > m ? v : m), 0n);
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const slot = plotW / days.length;
  const barW = Math.max(1, slot * 0.72);
  // Heights as a fraction of the max, computed in bigint first so huge token amounts stay exact enough.
  const height = (v: bigint) => (max === 0n ? 0 : (Number((v * 10_000n) / max) / 10_000) * plotH);
  const total = values.reduce((a, b) => a + b, 0n);

  return (
    <figure className="chart" data-testid={testId}>
      <figcaption>
        {title} <span className="muted">· {format(total)} in {days.length} days</span>
      </figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`${title}: ${format(total)} over ${days.length} days, at most ${format(max)} a day`}>
        <line x1={PAD.left} x2={W - PAD.right} y1={H - PAD.bottom} y2={H - PAD.bottom} className="chart-axis" />
        {max > 0n ? (
          <text x={W - PAD.right} y={10} textAnchor="end" className="chart-label">
            max {format(max)}
          </text>
        ) : (
          <text x={W / 2} y={H / 2} textAnchor="middle" className="chart-label">
            nothing yet
          </text>
        )}
        {days.map((day, i) => {
          const h = height(values[i]!);
          return (
            <rect
              key={day}
              x={PAD.left + i * slot + (slot - barW) / 2}
              y={H - PAD.bottom - h}
              width={barW}
              height={Math.max(h, values[i]! > 0n ? 1 : 0)}
              className="chart-bar"
              data-day={day}
              data-value={values[i]!.toString()}
            >
              <title>{`${dayLabel(day)}: ${format(values[i]!)}`}</title>
            </rect>
          );
        })}
        <text x={PAD.left} y={H - 4} className="chart-label">
          {dayLabel(days[0]!)}
        </text>
        <text x={W - PAD.right} y={H - 4} textAnchor="end" className="chart-label">
          {dayLabel(days[days.length - 1]!)}
        </text>
      </svg>
      <ul className="sr-only">
        {days.map((day, i) => (values[i]! > 0n ? <li key={day}>{`${dayLabel(day)}: ${format(values[i]!)}`}</li> : null))}
      </ul>
    </figure>
  );
}
