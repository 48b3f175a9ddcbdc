"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { MjdDateInput } from "@/components/explorer/mjd-date-input";
import {
  DEFAULT_RADIUS_ARCSEC,
  SEARCH_FIELDS,
  searchHref,
  type SearchField,
  type SearchForm as SearchFormValues,
} from "@/lib/explorer/search-url";
import type { ApiClassifier } from "@/lib/objects/list-classifiers";

interface Props {
  form: SearchFormValues;
  errors: Partial<Record<SearchField, string>>;
  taxonomies: ApiClassifier[];
}

const inputClass = "w-full rounded border border-line bg-panel px-2 py-1 text-sm aria-[invalid=true]:border-red-600";

function FieldError({ field, errors }: { field: SearchField; errors: Props["errors"] }) {
  const message = errors[field];
  if (!message) return null;
  return (
    <p id={`${field}-error`} className="text-xs text-red-700 dark:text-red-300" role="alert" data-testid={`error-${field}`}>
      {message}
    </p>
  );
}

function TextField({
  field,
  label,
  form,
  errors,
  placeholder,
  mono,
  inputMode,
}: {
  field: SearchField;
  label: string;
  form: SearchFormValues;
  errors: Props["errors"];
  placeholder?: string;
  mono?: boolean;
  inputMode?: "decimal" | "numeric";
}) {
  return (
    <label className="flex flex-col gap-1">
      <span className="text-xs font-medium text-muted">{label}</span>
      <input
        name={field}
        defaultValue={form[field]}
        placeholder={placeholder}
        inputMode={inputMode}
        aria-invalid={errors[field] ? true : undefined}
        aria-describedby={errors[field] ? `${field}-error` : undefined}
        className={`${inputClass} ${mono ? "font-mono" : ""}`}
      />
      <FieldError field={field} errors={errors} />
    </label>
  );
}

/**
 * The search filters. Submitting navigates to a URL holding every filter (empty ones left out),
 * so a copied link reproduces the search; the server page validates it again and shows messages.
 * Without JavaScript the form still works as a plain GET form.
 */
export function SearchForm({ form, errors, taxonomies }: Props) {
  const router = useRouter();
  const [classifier, setClassifier] = useState(form.classifier);
  const classifierNames = [...new Set(taxonomies.map((t) => t.classifier_name))];
  const classes = [...new Set(taxonomies.filter((t) => t.classifier_name === classifier).flatMap((t) => t.classes))];

  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const values: Partial<SearchFormValues> = {};
    for (const field of SEARCH_FIELDS) {
      const value = data.get(field);
      if (typeof value === "string") values[field] = value;
    }
    values.page = "";
    router.push(searchHref(values));
  }

  return (
    <form
      action="/"
      method="get"
      onSubmit={submit}
      className="rounded border border-line bg-panel p-4"
      aria-label="Search objects"
      data-testid="search-form"
    >
      <div className="grid grid-cols-1 gap-4 md:grid-cols-2 lg:grid-cols-4">
        <label className="flex flex-col gap-1 md:col-span-2 lg:col-span-1 lg:row-span-2">
          <span className="text-xs font-medium text-muted">Object ids (up to 200, * wildcard)</span>
          <textarea
            name="oid"
            defaultValue={form.oid}
            rows={3}
            placeholder="ZTF18aa…, ZTF19*"
            aria-invalid={errors.oid ? true : undefined}
            aria-describedby={errors.oid ? "oid-error" : undefined}
            className={`${inputClass} font-mono`}
          />
          <FieldError field="oid" errors={errors} />
        </label>

        <fieldset className="flex flex-col gap-2">
          <legend className="mb-1 text-xs font-medium text-muted">Classification</legend>
          <select
            name="classifier"
            value={classifier}
            onChange={(e) => setClassifier(e.target.value)}
            aria-label="Classifier"
            className={inputClass}
            aria-invalid={errors.classifier ? true : undefined}
            aria-describedby={errors.classifier ? "classifier-error" : undefined}
          >
            <option value="">any classifier</option>
            {/* A classifier from the URL that is not stored stays shown (with its message below), not silently "any". */}
            {classifier !== "" && !classifierNames.includes(classifier) && <option value={classifier}>{classifier} (unknown)</option>}
            {classifierNames.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
          <FieldError field="classifier" errors={errors} />
          <div className="flex gap-2">
            <select
              name="class"
              defaultValue={form.class}
              key={classifier}
              aria-label="Class"
              className={inputClass}
              disabled={classifier === ""}
              aria-invalid={errors.class ? true : undefined}
              aria-describedby={errors.class ? "class-error" : undefined}
            >
              <option value="">any class</option>
              {form.class !== "" && classifier === form.classifier && !classes.includes(form.class) && (
                <option value={form.class}>{form.class} (unknown)</option>
              )}
              {classes.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
            <input
              name="probability"
              defaultValue={form.probability}
              inputMode="decimal"
              placeholder="min P"
              aria-label="Minimum probability (0–1)"
              className={`${inputClass} w-24`}
              aria-invalid={errors.probability ? true : undefined}
              aria-describedby={errors.probability ? "probability-error" : undefined}
            />
          </div>
          <FieldError field="class" errors={errors} />
          <FieldError field="probability" errors={errors} />
        </fieldset>

        <fieldset className="flex flex-col gap-1">
          <legend className="mb-1 text-xs font-medium text-muted">Number of detections</legend>
          <div className="flex gap-2">
            <input
              name="ndetMin"
              defaultValue={form.ndetMin}
              inputMode="numeric"
              placeholder="min"
              aria-label="Minimum number of detections"
              className={inputClass}
              aria-invalid={errors.ndetMin ? true : undefined}
              aria-describedby={errors.ndetMin ? "ndetMin-error" : undefined}
            />
            <input
              name="ndetMax"
              defaultValue={form.ndetMax}
              inputMode="numeric"
              placeholder="max"
              aria-label="Maximum number of detections"
              className={inputClass}
              aria-invalid={errors.ndetMax ? true : undefined}
              aria-describedby={errors.ndetMax ? "ndetMax-error" : undefined}
            />
          </div>
          <FieldError field="ndetMin" errors={errors} />
          <FieldError field="ndetMax" errors={errors} />
        </fieldset>

        <fieldset className="flex flex-col gap-1">
          <legend className="mb-1 text-xs font-medium text-muted">Anomaly score</legend>
          <input
            name="anomaly"
            defaultValue={form.anomaly}
            inputMode="decimal"
            placeholder="min score (0–1), most anomalous first"
            aria-label="Minimum anomaly score (0–1)"
            className={inputClass}
            aria-invalid={errors.anomaly ? true : undefined}
            aria-describedby={errors.anomaly ? "anomaly-error" : undefined}
          />
          <FieldError field="anomaly" errors={errors} />
        </fieldset>

        <div className="flex flex-col gap-2">
          <MjdDateInput name="firstmjdMin" label="First detection from" defaultValue={form.firstmjdMin} error={errors.firstmjdMin} />
          <MjdDateInput name="firstmjdMax" label="First detection to" defaultValue={form.firstmjdMax} error={errors.firstmjdMax} />
        </div>

        <fieldset className="grid grid-cols-3 gap-2 md:col-span-2 lg:col-span-3">
          <legend className="mb-1 text-xs font-medium text-muted">Cone search (RA/Dec in degrees or hh:mm:ss / ±dd:mm:ss)</legend>
          <TextField field="ra" label="RA" form={form} errors={errors} placeholder="08:30:00 or 127.5" mono />
          <TextField field="dec" label="Dec" form={form} errors={errors} placeholder="-12:30:00 or -12.5" mono />
          <TextField
            field="radius"
            label="Radius (″)"
            form={form}
            errors={errors}
            placeholder={String(DEFAULT_RADIUS_ARCSEC)}
            inputMode="decimal"
          />
        </fieldset>
      </div>
      <input type="hidden" name="orderBy" value={form.orderBy} />
      <input type="hidden" name="orderMode" value={form.orderMode} />
      <div className="mt-4 flex flex-wrap items-center gap-3">
        <button type="submit" className="rounded bg-accent px-4 py-1.5 text-sm font-medium text-panel hover:opacity-90">
          Search
        </button>
        <Link href="/" className="text-sm text-accent underline-offset-2 hover:underline">
          Clear filters
        </Link>
        {(errors.orderBy || errors.orderMode || errors.page) && (
          <p className="text-xs text-red-700 dark:text-red-300" role="alert" data-testid="error-order">
            {[errors.orderBy, errors.orderMode, errors.page].filter(Boolean).join("; ")}
          </p>
        )}
      </div>
    </form>
  );
}
