"use client";

import Link, { useLinkStatus } from "next/link";

/**
 * While the object page loads after a click: "…" by the link and an indeterminate bar across the
 * top of the window (a search result takes a second or more to open on a busy server).
 */
function PendingMark() {
  const { pending } = useLinkStatus();
  return (
    <>
      <span
        aria-hidden="true"
        className={`ml-1 inline-block w-3 text-muted ${pending ? "animate-pulse" : "invisible"}`}
        data-pending={pending}
      >
        …
      </span>
      {pending && (
        <span
          role="progressbar"
          aria-label="Opening the object page"
          className="fixed inset-x-0 top-0 z-50 block h-1 overflow-hidden bg-accent-soft"
          data-testid="navigation-progress"
        >
          <span className="block h-full w-1/3 bg-accent" style={{ animation: "cielo-progress 1.2s ease-in-out infinite" }} />
        </span>
      )}
    </>
  );
}

/** A link to an object page that shows it is loading from the click on (the page itself streams a skeleton next). */
export function ObjectLink({ oid, className }: { oid: string; className?: string }) {
  return (
    <Link href={`/object/${oid}`} className={className}>
      {oid}
      <PendingMark />
    </Link>
  );
}
