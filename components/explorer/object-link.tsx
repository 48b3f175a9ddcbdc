"use client";

import Link, { useLinkStatus } from "next/link";

function PendingMark() {
  const { pending } = useLinkStatus();
  return (
    <span
      aria-hidden="true"
      className={`ml-1 inline-block w-3 text-muted ${pending ? "animate-pulse" : "invisible"}`}
      data-pending={pending}
    >
      …
    </span>
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
