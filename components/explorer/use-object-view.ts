"use client";

import { usePathname, useSearchParams } from "next/navigation";
import { useCallback, useMemo } from "react";
import { objectViewQuery, parseObjectViewState, type ObjectViewState } from "@/lib/explorer/object-view-state";

/**
 * The object page's view state, read from and written to the URL. Updates use
 * history.replaceState, which Next keeps in step with useSearchParams without a server round trip,
 * so every panel of the page sees the same state and a copied link reproduces the view.
 */
export function useObjectView(): [ObjectViewState, (patch: Partial<ObjectViewState>) => void] {
  const params = useSearchParams();
  const pathname = usePathname();
  const state = useMemo(() => parseObjectViewState(new URLSearchParams(params.toString())), [params]);
  const update = useCallback(
    (patch: Partial<ObjectViewState>) => {
      const current = parseObjectViewState(new URLSearchParams(window.location.search));
      window.history.replaceState(null, "", `${pathname}${objectViewQuery({ ...current, ...patch })}`);
    },
    [pathname],
  );
  return [state, update];
}
