/**
 * ZTF filters by fid, with distinct marker shapes and plot colours. `color` is a CSS colour that
 * follows the page theme (a custom property with the light theme's Okabe–Ito colour as fallback):
 * HTML uses it as is; plots resolve it against the page (components/explorer/plotly-figure.tsx).
 */
export interface Band {
  fid: number;
  name: string;
  color: string;
  symbol: "circle" | "square" | "diamond" | "x";
}

export const ZTF_BANDS: readonly Band[] = [
  { fid: 1, name: "g", color: "var(--band-g, #009E73)", symbol: "circle" },
  { fid: 2, name: "r", color: "var(--band-r, #D55E00)", symbol: "square" },
  { fid: 3, name: "i", color: "var(--band-i, #0072B2)", symbol: "diamond" },
];

export function bandFor(fid: number): Band {
  return ZTF_BANDS.find((b) => b.fid === fid) ?? { fid, name: `fid ${fid}`, color: "var(--muted, #555555)", symbol: "x" };
}
