/** Approvals against a threshold as a row of dots (filled = approved), hand-drawn in SVG. */

export function ApprovalMeter({ count, threshold, owners, label }: { count: number; threshold: number; owners: number; label: string }) {
  const n = Math.max(owners, threshold, count, 1);
  const r = 5;
  const gap = 4;
  const width = n * (2 * r + gap) - gap + 2;
  return (
    <svg className="meter" width={width} height={2 * r + 2} viewBox={`0 0 ${width} ${2 * r + 2}`} role="img" aria-label={`${label}: ${count} of ${threshold} needed`}>
      {Array.from({ length: n }, (_, i) => (
        <circle
          key={i}
          cx={1 + r + i * (2 * r + gap)}
          cy={r + 1}
          r={r}
          className={i < count ? (count >= threshold ? "meter-done" : "meter-on") : i < threshold ? "meter-needed" : "meter-off"}
        />
      ))}
    </svg>
  );
}
