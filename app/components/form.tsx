// Accessible form fields over Conform: every field has a visible label, its hint and errors are
// tied to it with aria-describedby, and errors are announced.
import {
  type FieldMetadata,
  getInputProps,
  getSelectProps,
  getTextareaProps,
} from "@conform-to/react";
import { useNavigation } from "@remix-run/react";
import type { ReactNode } from "react";

export function FieldErrors({ id, errors }: { id: string; errors?: string[] }) {
  if (!errors?.length) return null;
  return (
    <div id={id} className="field-error">
      {errors.map((e) => (
        <p key={e}>
          <span className="visually-hidden">Error: </span>
          {e}
        </p>
      ))}
    </div>
  );
}

/** Errors about the whole form (not one field): a summary that screen readers announce. */
export function FormErrors({ id, errors }: { id: string; errors?: string[] }) {
  if (!errors?.length) return null;
  return (
    <div id={id} className="form-error" role="alert">
      {errors.map((e) => (
        <p key={e}>{e}</p>
      ))}
    </div>
  );
}

function describedBy(meta: FieldMetadata<unknown>, hint?: ReactNode) {
  return [hint ? `${meta.id}-hint` : null, meta.errors?.length ? meta.errorId : null].filter(Boolean).join(" ") || undefined;
}

interface FieldProps {
  meta: FieldMetadata<any>;
  label: ReactNode;
  hint?: ReactNode;
}

export function TextField({
  meta,
  label,
  hint,
  type = "text",
  autoComplete,
  required,
}: FieldProps & { type?: "text" | "email" | "password" | "datetime-local" | "number"; autoComplete?: string; required?: boolean }) {
  return (
    <div className="field">
      <label htmlFor={meta.id}>{label}</label>
      {hint ? <p id={`${meta.id}-hint`} className="hint">{hint}</p> : null}
      <FieldErrors id={meta.errorId} errors={meta.errors} />
      <input
        {...getInputProps(meta, { type, ariaAttributes: true })}
        aria-describedby={describedBy(meta, hint)}
        autoComplete={autoComplete}
        required={required}
      />
    </div>
  );
}

export function TextArea({ meta, label, hint, rows = 6 }: FieldProps & { rows?: number }) {
  return (
    <div className="field">
      <label htmlFor={meta.id}>{label}</label>
      {hint ? <p id={`${meta.id}-hint`} className="hint">{hint}</p> : null}
      <FieldErrors id={meta.errorId} errors={meta.errors} />
      <textarea {...getTextareaProps(meta, { ariaAttributes: true })} aria-describedby={describedBy(meta, hint)} rows={rows} />
    </div>
  );
}

/** A select's options, after an optional first one with no value ("Choose…", "Any status"). */
function OptionList({ blank, options }: { blank?: string; options: { value: string; label: string }[] }) {
  return (
    <>
      {blank ? <option value="">{blank}</option> : null}
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </>
  );
}

export function SelectField({
  meta,
  label,
  hint,
  options,
  placeholder,
}: FieldProps & { options: { value: string; label: string }[]; placeholder?: string }) {
  return (
    <div className="field">
      <label htmlFor={meta.id}>{label}</label>
      {hint ? <p id={`${meta.id}-hint`} className="hint">{hint}</p> : null}
      <FieldErrors id={meta.errorId} errors={meta.errors} />
      <select {...getSelectProps(meta, { ariaAttributes: true })} aria-describedby={describedBy(meta, hint)}>
        <OptionList blank={placeholder} options={options} />
      </select>
    </div>
  );
}

export function RadioGroup({
  meta,
  legend,
  hint,
  options,
  inline,
}: {
  meta: FieldMetadata<any>;
  legend: ReactNode;
  hint?: ReactNode;
  options: { value: string; label: ReactNode; hint?: ReactNode }[];
  inline?: boolean;
}) {
  const initial = (meta.initialValue as string | undefined) ?? undefined;
  return (
    <fieldset className={inline ? "field radios inline" : "field radios"} aria-describedby={describedBy(meta, hint)}>
      <legend>{legend}</legend>
      {hint ? <p id={`${meta.id}-hint`} className="hint">{hint}</p> : null}
      <FieldErrors id={meta.errorId} errors={meta.errors} />
      {options.map((o) => {
        const id = `${meta.id}-${o.value}`;
        return (
          <div className="radio" key={o.value}>
            <input
              type="radio"
              id={id}
              name={meta.name}
              value={o.value}
              defaultChecked={initial === o.value}
              aria-invalid={meta.errors?.length ? true : undefined}
            />
            <label htmlFor={id}>
              {o.label}
              {o.hint ? <span className="hint"> {o.hint}</span> : null}
            </label>
          </div>
        );
      })}
    </fieldset>
  );
}

/** A submit button that says it is working while the form is in flight. */
export function SubmitButton({
  children,
  intent,
  variant = "primary",
  pendingText = "Sending…",
}: {
  children: ReactNode;
  intent?: string;
  variant?: "primary" | "secondary" | "danger";
  pendingText?: string;
}) {
  const navigation = useNavigation();
  const pending =
    navigation.state === "submitting" && (intent === undefined || navigation.formData?.get("intent") === intent);
  return (
    <button type="submit" name={intent ? "intent" : undefined} value={intent} className={`button ${variant}`} aria-disabled={pending || undefined}>
      {pending ? pendingText : children}
    </button>
  );
}

/**
 * A plain select for a GET filter form (not a Conform field): the current choice preselected,
 * and an optional first "any" choice that leaves the filter off.
 */
export function FilterSelect({
  id,
  name,
  label,
  value,
  anyLabel,
  options,
}: {
  id: string;
  name: string;
  label: string;
  value: string;
  anyLabel?: string;
  options: { value: string; label: string }[];
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} name={name} defaultValue={value}>
        <OptionList blank={anyLabel} options={options} />
      </select>
    </div>
  );
}
