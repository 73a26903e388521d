/**
 * The treasury's balance of one token over time, hand-drawn in SVG (no chart library): a step line
 * through the end-of-day balances the indexer computed from the treasury's flows, extended to today
 * with the live balance read from chain. Screen readers get the same numbers as a list.
 */
import { dayLabel } from "../admin/format.ts";

const W = 320;
const H = 120;
const PAD = { top: 14, right: 6, bottom: 18, left: 6 };

export function BalanceChart(props: {
  title: string;
  points: readonly { day: number; balance: bigint }[];
  today: number;
  live?: bigint;
  format: (v: bigint) => string;
  testId: string;
}) {
  const points = [...props.points];
  if (props.live !== undefined && (points.length === 0 || points[points.length - 1]!.day < props.today)) points.push({ day: props.today, balance: props.live });
  else if (props.live !== undefined && points.length) points[points.length - 1] = { day: points[points.length - 1]!.day, balance: props.live };
  const first = points[0]?.day ?? props.today;
  const last = Math.max(points[points.length - 1]?.day ?? props.today, first + 1);
  const max = points.reduce((m, p) => (p.balance > m ? p.balance : m), 0n);
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const x = (day: number) => PAD.left + ((day - first) / (last - first)) * plotW;
  const y = (v: bigint) => H - PAD.bottom - (max === 0n ? 0 : (Number((v * 10_000n) / max) / 10_000) * plotH);
  let path = "";
  points.forEach((p, i) => {
    path += i === 0 ? `M${x(p.day)},${y(p.balance)}` : `H${x(p.day)}V${y(p.balance)}`;
  });
  if (points.length) path += `H${x(last)}`;
  return (
    <figure className="chart" data-testid={props.testId}>
      <figcaption>{props.title}</figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`${props.title}: ${points.length ? `now ${props.format(points[points.length - 1]!.balance)}, at most ${props.format(max)}` : "no history"}`}>
        <line x1={PAD.left} x2={W - PAD.right} y1={H - PAD.bottom} y2={H - PAD.bottom} className="chart-axis" />
        {points.length === 0 || max === 0n ? (
          <text x={W / 2} y={H / 2} textAnchor="middle" className="chart-label">
            nothing yet
          </text>
        ) : (
          <>
            <text x={W - PAD.right} y={10} textAnchor="end" className="chart-label">
              max {props.format(max)}
            </text>
            <path d={path} className="chart-line" fill="none" />
            {points.map((p) => (
              <circle key={p.day} cx={x(p.day)} cy={y(p.balance)} r={2.5} className="chart-dot">
                <title>{`${dayLabel(p.day)}: ${props.format(p.balance)}`}</title>
              </circle>
            ))}
          </>
        )}
        <text x={PAD.left} y={H - 4} className="chart-label">
          {dayLabel(first)}
        </text>
        <text x={W - PAD.right} y={H - 4} textAnchor="end" className="chart-label">
          {dayLabel(last)}
        </text>
      </svg>
      <ul className="sr-only">
        {points.map((p) => (
          <li key={p.day}>{`${dayLabel(p.day)}: ${props.format(p.balance)}`}</li>
        ))}
      </ul>
    </figure>
  );
}
