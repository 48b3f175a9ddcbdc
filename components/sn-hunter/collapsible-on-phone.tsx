"use client";

import { useState } from "react";

/**
 * Content that phones keep behind a button (collapsed until asked for) and wider screens always
 * show: on a phone the candidate comes first, the queue options when wanted.
 */
export function CollapsibleOnPhone({ id, label, children }: { id: string; label: string; children: React.ReactNode }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen((o) => !o)}
        className="min-h-11 rounded border border-line bg-panel px-3 text-sm md:hidden"
        data-testid="queue-options-toggle"
      >
        {label} {open ? "▴" : "▾"}
      </button>
      <div id={id} className={open ? "basis-full" : "hidden basis-full md:block"}>
        {children}
      </div>
    </>
  );
}
