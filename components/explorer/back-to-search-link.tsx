"use client";

import Link from "next/link";
import { usePathname, useSearchParams } from "next/navigation";
import { useEffect, useSyncExternalStore } from "react";

/** Session storage key of the last search page URL (path + query), per browser tab. */
const LAST_SEARCH_KEY = "cielo:last-search";

/** On the search page: remembers its URL (filters, sort, page), so an object page can link back to it. */
export function RememberSearch() {
  const pathname = usePathname();
  const params = useSearchParams();
  useEffect(() => {
    const query = params.toString();
    sessionStorage.setItem(LAST_SEARCH_KEY, query === "" ? pathname : `${pathname}?${query}`);
  }, [pathname, params]);
  return null;
}

const noSubscription = () => () => undefined;

/** "← Search": back to the search this tab came from (same filters, sort and page), else the plain search page. */
export function BackToSearchLink() {
  const stored = useSyncExternalStore(
    noSubscription,
    () => sessionStorage.getItem(LAST_SEARCH_KEY),
    () => null,
  );
  // Only same-origin paths: the value is ours, but a tampered one must not become an open redirect.
  // (Browsers read a backslash as a slash in "/\\host", so none is allowed either.)
  const href = stored !== null && stored.startsWith("/") && !stored.startsWith("//") && !stored.includes("\\") ? stored : "/";
  return (
    <Link
      href={href}
      className="ml-auto inline-flex min-h-11 items-center text-sm text-accent underline-offset-2 hover:underline sm:min-h-0"
      data-testid="back-to-search"
    >
      ← Search
    </Link>
  );
}
