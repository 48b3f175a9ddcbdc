import Link from "next/link";
import type { ReactNode } from "react";

/** The back link, title and one-line description every stream page (filter, watchlist) opens with. */
export function StreamPageHeader({ title, children }: { title: string; children: ReactNode }) {
  return (
    <>
      <p className="text-sm">
        <Link className="text-accent underline" href="/streams">
          Streams
        </Link>
      </p>
      <h1 className="text-2xl font-semibold">{title}</h1>
      <p className="text-sm text-muted">{children}</p>
    </>
  );
}
