export const LSST_BANDS = ["u", "g", "r", "i", "z", "y"] as const;
export type LsstBand = (typeof LSST_BANDS)[number];

/**
 * Rubin's band colours for plots (RTN-045, chosen to stay distinguishable under the common colour
 * vision deficiencies), each with its own marker so no band relies on colour alone; forced
 * photometry uses the open marker.
 */
export const LSST_BAND_STYLE = {
  u: { color: "#1600ea", symbol: "circle", openSymbol: "circle-open" },
  g: { color: "#31de1f", symbol: "square", openSymbol: "square-open" },
  r: { color: "#b52626", symbol: "diamond", openSymbol: "diamond-open" },
  i: { color: "#370201", symbol: "triangle-up", openSymbol: "triangle-up-open" },
  z: { color: "#ba52ff", symbol: "cross", openSymbol: "cross-open" },
  y: { color: "#61a2b3", symbol: "x", openSymbol: "x-open" },
} as const;
