/** A titled section of the LSST object page. */
export function LsstPanel({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <section aria-labelledby={`${id}-heading`} className="min-w-0 rounded border border-line bg-panel p-4" data-testid={`panel-${id}`}>
      <h2 id={`${id}-heading`} className="mb-3 text-sm font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );
}
