/**
 * The combined views' chain filter (leaderboard, profile): the views' own choices first ("All
 * chains", …), then one option per indexed chain. A value that is not an option (picked before the
 * options loaded, from a shared link, or no longer indexed) stays selectable, under its label.
 */
import type { ChainOption } from "../indexer/chains.ts";
import { chainLabel } from "../chains/labels.ts";

export function ChainSelect(props: {
  id: string;
  value: string;
  options: readonly ChainOption[];
  /** Choices that are not a single chain, as [value, label]. */
  leading: readonly (readonly [string, string])[];
  onChange: (value: string) => void;
}) {
  const { id, value, options, leading } = props;
  const listed = leading.some(([v]) => v === value) || options.some((o) => o.caip2 === value);
  return (
    <div className="field">
      <label htmlFor={id}>Chain</label>
      <select id={id} data-testid={id} value={value} onChange={(e) => props.onChange(e.target.value)}>
        {leading.map(([v, label]) => (
          <option key={v} value={v}>
            {label}
          </option>
        ))}
        {options.map((o) => (
          <option key={o.caip2} value={o.caip2}>
            {o.name}
          </option>
        ))}
        {listed ? null : <option value={value}>{chainLabel(value)}</option>}
      </select>
    </div>
  );
}
