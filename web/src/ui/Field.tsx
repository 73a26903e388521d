/**
 * A labelled form field and its one-line text input, shared by the Stacks forms. The error
 * paragraph's id / data-testid (`<id>-error`) is what the inputs' aria-describedby and the e2e
 * tests point at.
 */
import type { ReactNode } from "react";

export function Field({ id, label, error, children, hint }: { id: string; label: string; error?: string; hint?: ReactNode; children: ReactNode }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children}
      {hint ? <p className="hint">{hint}</p> : null}
      {error ? (
        <p className="field-error" id={`${id}-error`} data-testid={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

export function TextField(props: { id: string; label: string; error?: string; hint?: ReactNode; value: string; onChange: (v: string) => void; placeholder?: string; numeric?: boolean }) {
  return (
    <Field id={props.id} label={props.label} error={props.error} hint={props.hint}>
      <input
        id={props.id}
        autoComplete="off"
        spellCheck={false}
        inputMode={props.numeric ? "numeric" : undefined}
        placeholder={props.placeholder}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        aria-invalid={!!props.error}
        aria-describedby={props.error ? `${props.id}-error` : undefined}
      />
    </Field>
  );
}
