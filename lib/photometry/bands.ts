/** ZTF filters by fid, with colour-blind-safe plot colours (Okabe–Ito) and distinct marker shapes. */
export interface Band {
  fid: number;
  name: string;
  color: string;
  symbol: "circle" | "square" | "diamond" | "x";
}

export const ZTF_BANDS: readonly Band[] = [
  { fid: 1, name: "g", color: "#009E73", symbol: "circle" },
  { fid: 2, name: "r", color: "#D55E00", symbol: "square" },
  { fid: 3, name: "i", color: "#0072B2", symbol: "diamond" },
];

export function bandFor(fid: number): Band {
  return ZTF_BANDS.find((b) => b.fid === fid) ?? { fid, name: `fid ${fid}`, color: "#555555", symbol: "x" };
}
