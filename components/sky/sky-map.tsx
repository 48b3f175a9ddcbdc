import { hammerAitoff } from "@/lib/explorer/aitoff";

export interface SkyMapPoint {
  oid: string;
  raDeg: number;
  decDeg: number;
}

const W = 360;
const H = 180;
const SCALE = W / 2 / (2 * Math.SQRT2) - 2;
const project = (raDeg: number, decDeg: number) => {
  const { x, y } = hammerAitoff(raDeg, decDeg);
  return { cx: W / 2 + x * SCALE, cy: H / 2 - y * SCALE };
};

function graticulePath(points: [number, number][]): string {
  return points
    .map(([ra, dec], i) => {
      const { cx, cy } = project(ra, dec);
      return `${i === 0 ? "M" : "L"}${cx.toFixed(1)},${cy.toFixed(1)}`;
    })
    .join("");
}

const range = (from: number, to: number, step: number) =>
  Array.from({ length: Math.floor((to - from) / step) + 1 }, (_, i) => from + i * step);

/**
 * All-sky map (Hammer–Aitoff, equatorial, RA 180° at the centre, increasing to the left) of a set
 * of positions: a light SVG drawn on the server, no script, works offline.
 */
export function SkyMap({ points, className, label }: { points: SkyMapPoint[]; className?: string; label?: string }) {
  const parallels = [-60, -30, 0, 30, 60].map((dec) => graticulePath(range(0.001, 359.999, 5).map((ra) => [ra, dec])));
  const meridians = [0.001, 60, 120, 240, 300, 359.999].map((ra) => graticulePath(range(-90, 90, 5).map((dec) => [ra, dec])));
  return (
    <figure className={className}>
      <svg
        viewBox={`0 0 ${W} ${H}`}
        className="h-auto w-full"
        role="img"
        aria-label={label ?? `All-sky map of ${points.length} positions`}
        data-testid="sky-map"
      >
        <ellipse
          cx={W / 2}
          cy={H / 2}
          rx={2 * Math.SQRT2 * SCALE}
          ry={Math.SQRT2 * SCALE}
          fill="var(--panel)"
          stroke="var(--muted)"
          strokeWidth={0.8}
        />
        {[...parallels, ...meridians].map((d, i) => (
          <path key={i} d={d} fill="none" stroke="var(--border)" strokeWidth={0.6} />
        ))}
        {[60, 120, 240, 300].map((ra) => {
          const { cx, cy } = project(ra, 0);
          return (
            <text key={ra} x={cx} y={cy - 2} fontSize={7} textAnchor="middle" fill="var(--muted)">
              {ra / 15}h
            </text>
          );
        })}
        {points.map((p) => {
          const { cx, cy } = project(p.raDeg, p.decDeg);
          return (
            <circle
              key={p.oid}
              cx={cx}
              cy={cy}
              r={2.6}
              fill="var(--sky-dot, #0072B2)"
              fillOpacity={0.8}
              stroke="var(--panel)"
              strokeWidth={0.5}
              data-oid={p.oid}
            >
              <title>{`${p.oid}  RA ${p.raDeg.toFixed(4)}°  Dec ${p.decDeg.toFixed(4)}°`}</title>
            </circle>
          );
        })}
      </svg>
      <figcaption className="mt-1 text-xs text-muted">
        Positions of this page&apos;s results (equatorial, Hammer–Aitoff, RA 12h at the centre).
      </figcaption>
    </figure>
  );
}
