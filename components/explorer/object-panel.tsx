"use client";

import { useObjectView } from "@/components/explorer/use-object-view";
import type { ObjectPanel as PanelId } from "@/lib/explorer/object-view-state";

/**
 * A collapsible section of the object page. Whether it is open lives in the URL (`hide=`), and a
 * collapsed panel does not render its content (no plot or sky view is loaded for it).
 */
export function ObjectPanel({
  id,
  title,
  children,
  className,
  actions,
}: {
  id: PanelId;
  title: string;
  children: React.ReactNode;
  className?: string;
  actions?: React.ReactNode;
}) {
  const [view, update] = useObjectView();
  const open = !view.hidden.includes(id);
  const headingId = `${id}-heading`;
  return (
    <section
      aria-labelledby={headingId}
      className={`min-w-0 rounded border border-line bg-panel ${className ?? ""}`}
      data-testid={`panel-${id}`}
      data-open={open}
    >
      <div className="flex items-center gap-2 px-4 py-2">
        <h2 id={headingId} className="text-sm font-semibold">
          <button
            type="button"
            aria-expanded={open}
            aria-controls={`${id}-body`}
            onClick={() => update({ hidden: open ? [...view.hidden, id] : view.hidden.filter((p) => p !== id) })}
            className="flex min-h-11 items-center gap-2 rounded text-left hover:text-accent sm:min-h-0"
          >
            <span aria-hidden="true" className="inline-block w-3 text-muted">
              {open ? "▾" : "▸"}
            </span>
            {title}
          </button>
        </h2>
        {open && actions && <div className="ml-auto flex flex-wrap items-center gap-2">{actions}</div>}
      </div>
      {open && (
        <div id={`${id}-body`} className="border-t border-line px-4 py-3">
          {children}
        </div>
      )}
    </section>
  );
}
