"use client";

import { StampPanel, type StampChoice } from "@/components/explorer/stamp-panel";
import { useObjectView } from "@/components/explorer/use-object-view";

/** The object page's stamps: the detection selected in the URL (or the newest with stamps). */
export function StampSection({ oid, choices, defaultCandid }: { oid: string; choices: StampChoice[]; defaultCandid: string | null }) {
  const [view, update] = useObjectView();
  return <StampPanel oid={oid} candid={view.candid ?? defaultCandid} choices={choices} onSelectCandid={(candid) => update({ candid })} />;
}
