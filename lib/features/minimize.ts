/** Derivative-free minimisers for the few-parameter likelihood fits (DRW, IAR). */

/** Nelder–Mead simplex (standard coefficients 1, 2, 0.5, 0.5); returns the best point and value. */
export function minimizeNelderMead(
  fn: (x: Float64Array) => number,
  start: readonly number[],
  initialStep: number,
  options: { maxEvaluations?: number; tolerance?: number } = {},
): { x: Float64Array; value: number } {
  const d = start.length;
  const maxEval = options.maxEvaluations ?? 400;
  const tol = options.tolerance ?? 1e-8;
  const pts: Float64Array[] = [];
  const vals: number[] = [];
  const safe = (x: Float64Array) => {
    const v = fn(x);
    return Number.isFinite(v) ? v : Infinity;
  };
  for (let i = 0; i <= d; i++) {
    const x = Float64Array.from(start);
    if (i > 0) x[i - 1] = x[i - 1]! + initialStep;
    pts.push(x);
    vals.push(safe(x));
  }
  let evals = d + 1;
  const centroid = new Float64Array(d);
  const at = (coef: number, worst: Float64Array) => {
    const x = new Float64Array(d);
    for (let j = 0; j < d; j++) x[j] = centroid[j]! + coef * (worst[j]! - centroid[j]!);
    return x;
  };
  while (evals < maxEval) {
    const order = vals.map((_, i) => i).sort((a, b) => vals[a]! - vals[b]!);
    const sortedPts = order.map((i) => pts[i]!);
    const sortedVals = order.map((i) => vals[i]!);
    pts.splice(0, pts.length, ...sortedPts);
    vals.splice(0, vals.length, ...sortedVals);
    if (Math.abs(vals[d]! - vals[0]!) <= tol * (Math.abs(vals[0]!) + tol)) break;
    centroid.fill(0);
    for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) centroid[j]! += pts[i]![j]! / d;
    const worst = pts[d]!;
    const xr = at(-1, worst);
    const fr = safe(xr);
    evals++;
    if (fr < vals[0]!) {
      const xe = at(-2, worst);
      const fe = safe(xe);
      evals++;
      if (fe < fr) {
        pts[d] = xe;
        vals[d] = fe;
      } else {
        pts[d] = xr;
        vals[d] = fr;
      }
    } else if (fr < vals[d - 1]!) {
      pts[d] = xr;
      vals[d] = fr;
    } else {
      const xc = fr < vals[d]! ? at(-0.5, worst) : at(0.5, worst);
      const fc = safe(xc);
      evals++;
      if (fc < Math.min(fr, vals[d]!)) {
        pts[d] = xc;
        vals[d] = fc;
      } else {
        for (let i = 1; i <= d; i++) {
          for (let j = 0; j < d; j++) pts[i]![j] = pts[0]![j]! + 0.5 * (pts[i]![j]! - pts[0]![j]!);
          vals[i] = safe(pts[i]!);
          evals++;
        }
      }
    }
  }
  let best = 0;
  for (let i = 1; i <= d; i++) if (vals[i]! < vals[best]!) best = i;
  return { x: pts[best]!, value: vals[best]! };
}

/** Brent's bounded scalar minimisation on [a, b] (golden section + parabolic steps, as scipy's "bounded"). */
export function minimizeScalarBounded(
  fn: (x: number) => number,
  a: number,
  b: number,
  tolerance = 1e-6,
  maxIterations = 200,
): { x: number; value: number } {
  const golden = 0.5 * (3 - Math.sqrt(5));
  let x = a + golden * (b - a);
  let w = x;
  let v = x;
  let fx = fn(x);
  let fw = fx;
  let fv = fx;
  let d = 0;
  let e = 0;
  for (let iter = 0; iter < maxIterations; iter++) {
    const m = 0.5 * (a + b);
    const tol1 = tolerance * Math.abs(x) + 1e-12;
    const tol2 = 2 * tol1;
    if (Math.abs(x - m) <= tol2 - 0.5 * (b - a)) break;
    let useGolden = true;
    if (Math.abs(e) > tol1) {
      const r = (x - w) * (fx - fv);
      let q = (x - v) * (fx - fw);
      let p = (x - v) * q - (x - w) * r;
      q = 2 * (q - r);
      if (q > 0) p = -p;
      q = Math.abs(q);
      if (Math.abs(p) < Math.abs(0.5 * q * e) && p > q * (a - x) && p < q * (b - x)) {
        e = d;
        d = p / q;
        const u = x + d;
        if (u - a < tol2 || b - u < tol2) d = x < m ? tol1 : -tol1;
        useGolden = false;
      }
    }
    if (useGolden) {
      e = (x < m ? b : a) - x;
      d = golden * e;
    }
    const u = Math.abs(d) >= tol1 ? x + d : x + (d > 0 ? tol1 : -tol1);
    const fu = fn(u);
    if (fu <= fx) {
      if (u < x) b = x;
      else a = x;
      v = w;
      fv = fw;
      w = x;
      fw = fx;
      x = u;
      fx = fu;
    } else {
      if (u < x) a = u;
      else b = u;
      if (fu <= fw || w === x) {
        v = w;
        fv = fw;
        w = u;
        fw = fu;
      } else if (fu <= fv || v === x || v === w) {
        v = u;
        fv = fu;
      }
    }
  }
  return { x, value: fx };
}
