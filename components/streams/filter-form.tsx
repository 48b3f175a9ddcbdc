"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useState, useTransition } from "react";
import type { ActionResult } from "@/lib/auth/define-action";

interface Props {
  action: (input: unknown) => Promise<ActionResult<{ id: string }>>;
  csrfToken: string;
}

const inputClass = "w-full rounded border border-line bg-panel px-2 py-1 text-sm";
const labelClass = "mb-1 block text-sm font-medium";

/** A number field's value, or undefined when blank (the server's zod schema checks the rest). */
function num(form: FormData, name: string): number | undefined {
  const text = String(form.get(name) ?? "").trim();
  return text === "" ? undefined : Number(text);
}
function text(form: FormData, name: string): string | undefined {
  const value = String(form.get(name) ?? "").trim();
  return value === "" ? undefined : value;
}
/** {min, max} with the given bounds, or undefined when both are blank. */
function range(form: FormData, name: string): { min?: number; max?: number } | undefined {
  const min = num(form, `${name}Min`);
  const max = num(form, `${name}Max`);
  return min === undefined && max === undefined ? undefined : { min, max };
}

/** The form's fields → a filter definition (the shape of lib/streams/filter-definition.ts). */
export function definitionFromForm(form: FormData) {
  const ndetMin = num(form, "ndetMin");
  const firstmjdMin = num(form, "firstmjdMin");
  const lastmjdMin = num(form, "lastmjdMin");
  const ra = num(form, "ra");
  const dec = num(form, "dec");
  const bands = [1, 2, 3].filter((fid) => form.get(`band${fid}`) === "on");
  const classOf = (prefix: string) => {
    const className = text(form, `${prefix}Class`);
    return className
      ? { className, minProbability: num(form, `${prefix}Probability`) ?? 0, topOnly: form.get(`${prefix}TopOnly`) === "on" }
      : undefined;
  };
  const crossmatch = text(form, "crossmatch");
  const ps1Min = num(form, "ps1StarMin");
  const ps1Max = num(form, "ps1StarMax");
  return {
    search: {
      classifier: text(form, "classifier"),
      class_name: text(form, "className"),
      probability: num(form, "probability"),
      ndet: ndetMin === undefined ? undefined : [ndetMin],
      firstmjd: firstmjdMin === undefined ? undefined : [firstmjdMin],
      lastmjd: lastmjdMin === undefined ? undefined : [lastmjdMin],
      ra,
      dec,
      radius: num(form, "radius"),
    },
    alert: {
      bands: bands.length > 0 && bands.length < 3 ? bands : undefined,
      magpsf: range(form, "magpsf"),
      positiveOnly: form.get("positiveOnly") === "on" ? true : undefined,
      minRealBogus: num(form, "minRealBogus"),
      riseRateMagPerDay: range(form, "rise"),
      stampClass: classOf("stamp"),
      lcClass: classOf("lc"),
      crossmatch:
        crossmatch === "present" || crossmatch === "absent"
          ? { present: crossmatch === "present", catalog: text(form, "catalog") }
          : undefined,
      ps1Star: ps1Min === undefined && ps1Max === undefined ? undefined : { minArcsec: ps1Min, maxArcsec: ps1Max },
    },
  };
}

function Field({ name, label, placeholder, step = "any" }: { name: string; label: string; placeholder?: string; step?: string }) {
  return (
    <div>
      <label htmlFor={name} className={labelClass}>
        {label}
      </label>
      <input id={name} name={name} type="number" step={step} placeholder={placeholder} className={inputClass} />
    </div>
  );
}

/** The filter builder: the Explorer's search terms + conditions on each alert; saving runs it on every ingested batch. */
export function FilterForm({ action, csrfToken }: Props) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<{ message: string; errors?: Record<string, string> } | null>(null);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const input = {
      csrfToken,
      name: String(form.get("name") ?? ""),
      description: String(form.get("description") ?? ""),
      public: form.get("public") === "on",
      definition: definitionFromForm(form),
    };
    startTransition(async () => {
      const result = await action(input);
      if (!result.ok) setError({ message: result.message, errors: result.errors });
      else router.push(`/streams/filters/${result.data.id}`);
    });
  };

  return (
    <form onSubmit={submit} className="space-y-6" noValidate aria-label="New filter">
      <fieldset className="grid gap-3 sm:grid-cols-2">
        <legend className="mb-2 font-semibold">Filter</legend>
        <div>
          <label htmlFor="name" className={labelClass}>
            Name
          </label>
          <input id="name" name="name" required maxLength={100} className={inputClass} />
        </div>
        <div>
          <label htmlFor="description" className={labelClass}>
            Description
          </label>
          <input id="description" name="description" maxLength={2000} className={inputClass} />
        </div>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="public" /> Public (listed for everyone, matches readable by anyone)
        </label>
      </fieldset>

      <fieldset className="grid gap-3 sm:grid-cols-3">
        <legend className="mb-2 font-semibold">Object (the Explorer&apos;s search terms)</legend>
        <div>
          <label htmlFor="classifier" className={labelClass}>
            Classifier
          </label>
          <select id="classifier" name="classifier" className={inputClass} defaultValue="">
            <option value="">any</option>
            <option value="stamp_classifier">stamp_classifier</option>
            <option value="lc_classifier">lc_classifier</option>
          </select>
        </div>
        <div>
          <label htmlFor="className" className={labelClass}>
            Class
          </label>
          <input id="className" name="className" maxLength={100} className={inputClass} placeholder="SN" />
        </div>
        <Field name="probability" label="Minimum probability" placeholder="0.5" />
        <Field name="ndetMin" label="Minimum detections (ndet)" step="1" />
        <Field name="firstmjdMin" label="First detection after (MJD)" />
        <Field name="lastmjdMin" label="Last detection after (MJD)" />
        <Field name="ra" label="Cone RA (deg)" />
        <Field name="dec" label="Cone Dec (deg)" />
        <Field name="radius" label="Cone radius (arcsec)" />
      </fieldset>

      <fieldset className="grid gap-3 sm:grid-cols-3">
        <legend className="mb-2 font-semibold">Alert</legend>
        <div className="flex items-center gap-3 text-sm">
          Bands:
          {[
            [1, "g"],
            [2, "r"],
            [3, "i"],
          ].map(([fid, band]) => (
            <label key={fid} className="flex items-center gap-1">
              <input type="checkbox" name={`band${fid}`} /> {band}
            </label>
          ))}
        </div>
        <Field name="magpsfMin" label="Magnitude from (brightest)" />
        <Field name="magpsfMax" label="Magnitude to (faintest)" />
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="positiveOnly" /> Positive difference only
        </label>
        <Field name="minRealBogus" label="Minimum real/bogus (drb, else rb)" />
        <Field name="riseMin" label="Rise rate at least (mag/day, + = brightening)" />
        <Field name="riseMax" label="Rise rate at most (mag/day)" />
        <div>
          <label htmlFor="stampClass" className={labelClass}>
            Stamp class
          </label>
          <input id="stampClass" name="stampClass" className={inputClass} placeholder="SN" />
        </div>
        <Field name="stampProbability" label="Stamp class probability at least" />
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="stampTopOnly" defaultChecked /> Stamp class must be the top class
        </label>
        <div>
          <label htmlFor="lcClass" className={labelClass}>
            Light-curve class
          </label>
          <input id="lcClass" name="lcClass" className={inputClass} placeholder="SNIa" />
        </div>
        <Field name="lcProbability" label="Light-curve class probability at least" />
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="lcTopOnly" defaultChecked /> Light-curve class must be the top class
        </label>
        <div>
          <label htmlFor="crossmatch" className={labelClass}>
            Catalog counterpart
          </label>
          <select id="crossmatch" name="crossmatch" className={inputClass} defaultValue="">
            <option value="">either</option>
            <option value="present">present</option>
            <option value="absent">absent</option>
          </select>
        </div>
        <div>
          <label htmlFor="catalog" className={labelClass}>
            In catalog (blank: any)
          </label>
          <input id="catalog" name="catalog" className={inputClass} placeholder="allwise" />
        </div>
        <Field name="ps1StarMin" label="No PS1 star closer than (arcsec)" />
        <Field name="ps1StarMax" label="A PS1 star within (arcsec)" />
      </fieldset>

      {error && (
        <div role="alert" data-testid="form-error" className="rounded bg-warn-bg px-3 py-2 text-sm text-warn-fg">
          <p>{error.message}</p>
          {error.errors && (
            <ul className="mt-1 list-disc pl-5">
              {Object.entries(error.errors).map(([field, message]) => (
                <li key={field}>
                  {field}: {message}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      <button type="submit" disabled={pending} className="rounded bg-accent px-4 py-2 font-semibold text-panel disabled:opacity-60">
        {pending ? "Saving…" : "Save filter"}
      </button>
    </form>
  );
}
