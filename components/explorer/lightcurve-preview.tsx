import { useId } from "react";
import type { LightcurveView } from "@/lib/explorer/lightcurve-series";
import { axisFraction, formatTick, linearAxis } from "@/lib/explorer/plot-axes";
import { bandFor, type Band } from "@/lib/photometry/bands";

/** A percentage with two decimals: SVG lengths that follow the box's size without a viewBox (markers keep their shape). */
const pct = (fraction: number) => `${(fraction * 100).toFixed(2)}%`;

/** Marker outlines centred on (0, 0), the sizes of the interactive plot's markers (8 px, limits 7 px). */
function MarkerShape({ id, symbol }: { id: string; symbol: Band["symbol"] | "limit" }) {
  switch (symbol) {
    case "circle":
      return <circle id={id} r="4" />;
    case "square":
      return <rect id={id} x="-4" y="-4" width="8" height="8" />;
    case "diamond":
      return <path id={id} d="M0-5L5 0L0 5L-5 0Z" />;
    case "x":
      return <path id={id} d="M-4-4L4 4M-4 4L4-4" />;
    case "limit":
      return <path id={id} d="M-4-3.5H4L0 3.5Z" />;
  }
}

/**
 * The light curve as a plain SVG, the same points, error bars, bands, markers, theme colours and axis
 * orientation as the interactive (Plotly) plot. It is part of the page's first HTML, so the reader
 * sees the light curve before any script has run; PlotlyFigure swaps in the interactive plot when
 * the reader reaches for it (docs/decisions/0026-object-page-static-first.md). With a `nonce`, an
 * inline script right after the points sets the User Timing mark `markName` as the browser parses
 * them: the first light-curve point, measured by bench:pages and e2e/explorer-speed.spec.ts.
 */
export function LightcurvePreview({
  view,
  selectedCandid,
  nonce,
  markName,
}: {
  view: LightcurveView;
  selectedCandid: string | null;
  nonce?: string;
  markName: string;
}) {
  const idPrefix = useId();
  const detections = view.series.filter((s) => s.kind !== "limit");
  const xAxis = view.xRange
    ? { min: view.xRange[0], max: view.xRange[1], ticks: [0, 0.5, 1, 1.5, 2].filter((t) => t <= view.xRange![1]) }
    : linearAxis(
        view.series.flatMap((s) => s.x),
        [],
        7,
      );
  const yAxis = linearAxis(
    view.series.flatMap((s) => s.y),
    view.series.flatMap((s) => (s.kind === "limit" ? s.y.map(() => 0) : s.error)),
    6,
  );
  const x = (v: number) => pct(axisFraction(xAxis, v));
  const y = (v: number) => pct(axisFraction(yAxis, v, !view.yReversed));
  const symbolId = (fid: number, kind: string) => `${idPrefix}-${kind === "limit" ? "limit" : bandFor(fid).symbol}`;
  const symbols = new Set(view.series.map((s) => (s.kind === "limit" ? "limit" : bandFor(s.fid).symbol)));
  const selected = selectedCandid
    ? detections.flatMap((s) => s.candids.flatMap((c, i) => (c === selectedCandid ? [{ x: s.x[i]!, y: s.y[i]! }] : [])))
    : [];
  const points = detections.reduce((n, s) => n + s.x.length, 0);
  const legend = view.series.filter((s) => s.kind !== "cycle2");

  return (
    <div className="absolute inset-0 text-xs" data-testid="lightcurve-static" data-points={points}>
      {/* The plot area where Plotly puts it: margins 56 px left, 12 px right and top; below, the axis and
          the legend take 92 px (phones) or 120 px (Plotly's legend in two rows under a 400 px plot). */}
      <svg
        className="absolute top-3 left-14 h-[calc(100%-104px)] w-[calc(100%-68px)] overflow-visible sm:h-[calc(100%-132px)]"
        aria-hidden="true"
        fontSize="12"
      >
        <defs>
          {[...symbols].map((s) => (
            <MarkerShape key={s} id={`${idPrefix}-${s}`} symbol={s} />
          ))}
        </defs>
        <rect width="100%" height="100%" fill="var(--plot-bg, #ffffff)" />
        <g stroke="var(--plot-grid, #e2e8f0)" strokeWidth="1">
          {xAxis.ticks.map((t) => (
            <line key={`x${t}`} x1={x(t)} x2={x(t)} y1="0" y2="100%" />
          ))}
          {yAxis.ticks.map((t) => (
            <line key={`y${t}`} x1="0" x2="100%" y1={y(t)} y2={y(t)} />
          ))}
          {!view.yReversed && yAxis.min < 0 && yAxis.max > 0 && <line x1="0" x2="100%" y1={y(0)} y2={y(0)} strokeWidth="2" />}
        </g>
        <g fill="var(--fg, #0f172a)">
          {xAxis.ticks.map((t) => (
            <text key={`x${t}`} x={x(t)} y="100%" dy="16" textAnchor="middle">
              {formatTick(t, view.xTickFormat)}
            </text>
          ))}
          {yAxis.ticks.map((t) => (
            <text key={`y${t}`} x="0" dx="-6" y={y(t)} dy="4" textAnchor="end">
              {formatTick(t, "")}
            </text>
          ))}
        </g>
        {view.series.map((s, k) => {
          const color = bandFor(s.fid).color;
          const href = `#${symbolId(s.fid, s.kind)}`;
          if (s.kind === "limit") {
            return (
              <g key={k} fill="none" stroke={color} strokeWidth="1">
                {s.x.map((px, i) => (
                  <use key={i} href={href} x={x(px)} y={y(s.y[i]!)} />
                ))}
              </g>
            );
          }
          return (
            <g key={k}>
              <g stroke={color} strokeWidth="1">
                {s.x.map((px, i) =>
                  s.error[i] ? <line key={i} x1={x(px)} x2={x(px)} y1={y(s.y[i]! - s.error[i]!)} y2={y(s.y[i]! + s.error[i]!)} /> : null,
                )}
              </g>
              <g fill={color} stroke="var(--plot-marker-edge, #ffffff)" strokeWidth="0.5">
                {s.x.map((px, i) => (
                  <use key={i} href={href} x={x(px)} y={y(s.y[i]!)} data-candid={s.candids[i]} />
                ))}
              </g>
            </g>
          );
        })}
        {selected.map((p, i) => (
          <circle key={i} cx={x(p.x)} cy={y(p.y)} r="9" fill="none" stroke="var(--plot-selected, #CC79A7)" strokeWidth="2.5" />
        ))}
      </svg>
      {nonce !== undefined && points > 0 && (
        // The points above are in the document once the parser reaches this script (inline scripts also wait for the stylesheet).
        <script
          nonce={nonce}
          suppressHydrationWarning
          dangerouslySetInnerHTML={{ __html: `performance.mark(${JSON.stringify(markName)})` }}
        />
      )}
      <p
        className="absolute top-3 bottom-[92px] left-0 flex w-5 rotate-180 items-center justify-center text-ink [writing-mode:vertical-rl] sm:bottom-[120px]"
        aria-hidden="true"
      >
        {view.yTitle}
      </p>
      <p className="absolute right-0 bottom-[48px] left-14 text-center text-ink sm:bottom-[76px]" aria-hidden="true">
        {view.xTitle}
      </p>
      <ul className="absolute inset-x-0 bottom-1 flex sm:bottom-8 flex-wrap justify-center gap-x-4 gap-y-1 text-ink" aria-hidden="true">
        {legend.map((s) => (
          <li key={`${s.kind}${s.fid}`} className="flex items-center gap-1">
            <svg width="12" height="12" viewBox="-6 -6 12 12" aria-hidden="true">
              <use
                href={`#${symbolId(s.fid, s.kind)}`}
                fill={s.kind === "limit" ? "none" : bandFor(s.fid).color}
                stroke={bandFor(s.fid).color}
                strokeWidth="1"
              />
            </svg>
            {bandFor(s.fid).name} {s.kind === "limit" ? "upper limits" : "detections"}
          </li>
        ))}
      </ul>
    </div>
  );
}
