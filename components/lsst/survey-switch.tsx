import Link from "next/link";

/** The search's survey filter: ZTF objects (the ALeRCE-compatible search) or Rubin/LSST objects. */
export function SurveySwitch({ current }: { current: "ztf" | "lsst" }) {
  const item = (survey: "ztf" | "lsst", label: string, href: string) => (
    <Link
      href={href}
      aria-current={current === survey ? "page" : undefined}
      className={`rounded px-2 py-0.5 ${current === survey ? "bg-panel font-semibold" : "underline"}`}
    >
      {label}
    </Link>
  );
  return (
    <nav aria-label="Survey" className="flex items-center gap-2 text-sm" data-testid="survey-switch">
      <span className="text-muted">Survey:</span>
      {item("ztf", "ZTF", "/")}
      {item("lsst", "Rubin/LSST", "/lsst")}
    </nav>
  );
}
