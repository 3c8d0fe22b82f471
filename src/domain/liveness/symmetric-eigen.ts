/**
 * The unit eigenvector of the smallest eigenvalue of a small symmetric matrix (row-major, n × n),
 * by cyclic Jacobi rotations: a few dozen lines, exact enough for the 9 × 9 normal matrix of a
 * homography fit, and no numeric library in the domain.
 */
export function smallestEigenvector(matrix: Float64Array, n: number): Float64Array {
  const a = Float64Array.from(matrix);
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  const scale = a.reduce((sum, x) => sum + x * x, 0) || 1;
  for (let sweep = 0; sweep < 100 && offDiagonal(a, n) > 1e-30 * scale; sweep++) {
    for (let p = 0; p < n - 1; p++) for (let q = p + 1; q < n; q++) rotate(a, v, n, p, q);
  }
  let smallest = 0;
  for (let i = 1; i < n; i++) if (a[i * n + i] < a[smallest * n + smallest]) smallest = i;
  return Float64Array.from({ length: n }, (_, row) => v[row * n + smallest]);
}

function offDiagonal(a: Float64Array, n: number): number {
  let sum = 0;
  for (let p = 0; p < n; p++) for (let q = 0; q < n; q++) if (p !== q) sum += a[p * n + q] ** 2;
  return sum;
}

/** One Jacobi rotation zeroing a[p][q], applied to a (both sides) and accumulated into v's columns. */
function rotate(a: Float64Array, v: Float64Array, n: number, p: number, q: number): void {
  const apq = a[p * n + q];
  if (apq === 0) return;
  const theta = (a[q * n + q] - a[p * n + p]) / (2 * apq);
  const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
  const c = 1 / Math.sqrt(t * t + 1);
  const s = t * c;
  for (let k = 0; k < n; k++) {
    const akp = a[k * n + p];
    const akq = a[k * n + q];
    a[k * n + p] = c * akp - s * akq;
    a[k * n + q] = s * akp + c * akq;
  }
  for (let k = 0; k < n; k++) {
    const apk = a[p * n + k];
    const aqk = a[q * n + k];
    a[p * n + k] = c * apk - s * aqk;
    a[q * n + k] = s * apk + c * aqk;
  }
  for (let k = 0; k < n; k++) {
    const vkp = v[k * n + p];
    const vkq = v[k * n + q];
    v[k * n + p] = c * vkp - s * vkq;
    v[k * n + q] = s * vkp + c * vkq;
  }
}
