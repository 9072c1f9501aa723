// A calendar date field (the browser's date picker where there is one, typed as 2027-03-31
// where there is not), laid out and described like the shared fields in ~/components/form.
import { type FieldMetadata, getInputProps } from "@conform-to/react";
import type { ReactNode } from "react";
import { FieldErrors } from "~/components/form";

export function DateField({ meta, label, hint, min }: { meta: FieldMetadata<any>; label: ReactNode; hint?: ReactNode; min?: string }) {
  const describedBy = [hint ? `${meta.id}-hint` : null, meta.errors?.length ? meta.errorId : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="field">
      <label htmlFor={meta.id}>{label}</label>
      {hint ? (
        <p id={`${meta.id}-hint`} className="hint">
          {hint}
        </p>
      ) : null}
      <FieldErrors id={meta.errorId} errors={meta.errors} />
      <input {...getInputProps(meta, { type: "date", ariaAttributes: true })} min={min} aria-describedby={describedBy} />
    </div>
  );
}
