/**
 * Linear least squares min ‖A x − b‖² + λ‖x‖² by Householder QR of the augmented matrix [A; √λ I]
 * (no normal equations, so the condition number is not squared). With a tiny λ the solution tends to
 * the minimum-norm one of an under-determined system, as numpy's pinv gives.
 */
export function solveLeastSquares(a: Float64Array, b: Float64Array, m: number, k: number, ridge = 0): Float64Array {
  const rows = ridge > 0 ? m + k : m;
  const q = new Float64Array(rows * k);
  const y = new Float64Array(rows);
  q.set(a.subarray(0, m * k));
  y.set(b.subarray(0, m));
  if (ridge > 0) for (let j = 0; j < k; j++) q[(m + j) * k + j] = Math.sqrt(ridge);
  const diag = new Float64Array(k);
  for (let j = 0; j < k && j < rows; j++) {
    let norm = 0;
    for (let i = j; i < rows; i++) norm += q[i * k + j]! ** 2;
    norm = Math.sqrt(norm);
    if (norm === 0) {
      diag[j] = 0;
      continue;
    }
    const alpha = q[j * k + j]! > 0 ? -norm : norm;
    // v = x − alpha e1 stored in column j below the diagonal (v_j in place).
    q[j * k + j] = q[j * k + j]! - alpha;
    let vnorm2 = 0;
    for (let i = j; i < rows; i++) vnorm2 += q[i * k + j]! ** 2;
    if (vnorm2 > 0) {
      for (let c = j + 1; c < k; c++) {
        let s = 0;
        for (let i = j; i < rows; i++) s += q[i * k + j]! * q[i * k + c]!;
        const f = (2 * s) / vnorm2;
        for (let i = j; i < rows; i++) q[i * k + c] = q[i * k + c]! - f * q[i * k + j]!;
      }
      let s = 0;
      for (let i = j; i < rows; i++) s += q[i * k + j]! * y[i]!;
      const f = (2 * s) / vnorm2;
      for (let i = j; i < rows; i++) y[i] = y[i]! - f * q[i * k + j]!;
    }
    diag[j] = alpha;
  }
  const x = new Float64Array(k);
  for (let j = Math.min(k, rows) - 1; j >= 0; j--) {
    let s = y[j]!;
    for (let c = j + 1; c < k; c++) s -= q[j * k + c]! * x[c]!;
    x[j] = diag[j] !== 0 ? s / diag[j]! : 0;
  }
  return x;
}
