import { EYELIDS } from './face-mesh-topology.js';
import type { RgbImage } from './rgb-image.js';

type Point = readonly [number, number];

/** Each eye's corners in the order of EYELIDS: the one its lid contours start at, then the other. */
const CORNERS = [
  [33, 133],
  [263, 362],
] as const;

/**
 * The painted lid: an ellipse reaching these shares of the way from the mesh's lids out to the
 * crease above and the ring below, and this share of the eye's width beyond each corner. On small
 * faces the mesh's eye is smaller than the visible one, and any iris or white left showing makes
 * human read the eye as open.
 */
const LID = { up: 1.2, down: 1, sideways: 0.3 } as const;

/**
 * The lash line, the one feature a closed eye shows: the lower lid's curve moved `drop` of the way
 * down to the ring below (closed lids meet low), with its half-width (share of the eye's width) and
 * its darkening at its centre line. Chosen by sweeping these and LID over six people's renders
 * (human's eye openness, closed over open, worst eye of three seeds): no line, or a thinner, fainter
 * or higher one, left human reading 0.6–1.0 of the open level on someone; these read at most 0.56.
 */
const LASH = { drop: 0.5, halfWidth: 0.06, darkening: 0.9 } as const;

/**
 * The photo with both eyes shut: each eye is painted over with the skin around it, blended from
 * above the upper lid to below the lower one, with a dark lash line where the lids meet. Texture,
 * not geometry: a closed lid is smooth skin, which stretching the upper lid's few rows of pixels
 * over the eye does not give (human read such eyes as barely closed).
 * @param mesh the face mesh placed on the texture (x, y, z per point).
 */
export function closedEyesTexture(texture: RgbImage, mesh: Float32Array): RgbImage {
  const closed: RgbImage = { ...texture, data: Uint8ClampedArray.from(texture.data) };
  EYELIDS.forEach((lids, eye) => paintClosedEye(closed, texture, new EyeFrame(mesh, CORNERS[eye][0], CORNERS[eye][1]), lids));
  return closed;
}

/** Coordinates along the eye (u, from corner to corner, 0 between them) and across it (v, positive downwards). */
class EyeFrame {
  readonly origin: Point;
  readonly along: Point;
  readonly across: Point;
  readonly width: number;

  constructor(
    private readonly mesh: Float32Array,
    start: number,
    end: number,
  ) {
    const [a, b] = [this.picture(start), this.picture(end)];
    this.width = Math.hypot(b[0] - a[0], b[1] - a[1]);
    this.origin = [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];
    this.along = [(b[0] - a[0]) / this.width, (b[1] - a[1]) / this.width];
    const sign = this.along[0] >= 0 ? 1 : -1;
    this.across = [-sign * this.along[1], sign * this.along[0]];
  }

  picture(index: number): Point {
    return [this.mesh[3 * index], this.mesh[3 * index + 1]];
  }

  /** Mesh point `index` in (u, v). */
  local(index: number): Point {
    const [x, y] = this.picture(index);
    return this.toLocal(x, y);
  }

  toLocal(x: number, y: number): Point {
    const [dx, dy] = [x - this.origin[0], y - this.origin[1]];
    return [dx * this.along[0] + dy * this.along[1], dx * this.across[0] + dy * this.across[1]];
  }

  toPicture(u: number, v: number): Point {
    return [this.origin[0] + u * this.along[0] + v * this.across[0], this.origin[1] + u * this.along[1] + v * this.across[1]];
  }
}

type Lids = (typeof EYELIDS)[number];

/** Paints one closed eye into `target`, from the open eye of `source`. */
function paintClosedEye(target: RgbImage, source: RgbImage, frame: EyeFrame, { upper, lower, crease, below }: Lids): void {
  const towards = (from: number, to: number, share: number) => frame.local(from)[1] + share * (frame.local(to)[1] - frame.local(from)[1]);
  const top = Math.min(...upper.map((lid, i) => towards(lid, crease[i], LID.up)));
  const bottom = Math.max(...lower.map((lid, i) => towards(lid, below[i], LID.down)));
  const [centre, halfHeight, halfWidth] = [(top + bottom) / 2, (bottom - top) / 2, (frame.width / 2) * (1 + 2 * LID.sideways)];
  const lash: Point[] = [[-frame.width / 2, 0], ...lower.map((lid, i): Point => [frame.local(lid)[0], towards(lid, below[i], LASH.drop)]), [frame.width / 2, 0]];
  lash.sort((p, q) => p[0] - q[0]);

  const corners = [-1, 1].flatMap((su) => [-1, 1].map((sv) => frame.toPicture(su * halfWidth, centre + sv * halfHeight)));
  const [xs, ys] = [corners.map(([x]) => x), corners.map(([, y]) => y)];
  const [left, topRow] = [Math.floor(Math.min(...xs)) - 1, Math.floor(Math.min(...ys)) - 1];
  const [width, height] = [Math.ceil(Math.max(...xs)) + 2 - left, Math.ceil(Math.max(...ys)) + 2 - topRow];
  const inside = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const [u, v] = frame.toLocal(left + x, topRow + y);
      inside[y * width + x] = Math.hypot(u / halfWidth, (v - centre) / halfHeight) < 1 ? 1 : 0;
    }
  }
  const lid = harmonicFill(source, left, topRow, width, height, inside);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const [u, v] = frame.toLocal(left + x, topRow + y);
      const onLash = Math.abs(u) <= frame.width / 2 ? Math.max(0, 1 - Math.abs(v - heightAt(lash, u)) / (LASH.halfWidth * frame.width)) : 0;
      if (!inside[y * width + x] && onLash === 0) continue;
      const index = 3 * ((topRow + y) * target.width + left + x);
      for (let channel = 0; channel < 3; channel++) target.data[index + channel] = (1 - LASH.darkening * onLash) * lid[3 * (y * width + x) + channel];
    }
  }
}

/**
 * The smoothest skin over the masked pixels of a window of `source`: the solution of Laplace's
 * equation with the pixels around as its boundary (successive over-relaxation). Unlike any blend
 * along one direction it leaves no edge on any side, and an edge is what human takes for a lid.
 */
function harmonicFill(source: RgbImage, left: number, top: number, width: number, height: number, inside: Uint8Array): Float32Array {
  const values = new Float32Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    const row = 3 * ((top + y) * source.width + left);
    values.set(source.data.subarray(row, row + 3 * width), 3 * y * width);
  }
  // Over-relaxed Gauss–Seidel converges on a lid's few dozen pixels across in far fewer sweeps than this.
  const [RELAXATION, SWEEPS] = [1.8, 300];
  for (let sweep = 0; sweep < SWEEPS; sweep++) {
    for (let y = 1; y < height - 1; y++) {
      for (let x = 1; x < width - 1; x++) {
        const i = y * width + x;
        if (!inside[i]) continue;
        for (let c = 0; c < 3; c++) {
          const mean = (values[3 * (i - 1) + c] + values[3 * (i + 1) + c] + values[3 * (i - width) + c] + values[3 * (i + width) + c]) / 4;
          values[3 * i + c] += RELAXATION * (mean - values[3 * i + c]);
        }
      }
    }
  }
  return values;
}

/** The polyline's v at `u`, linearly between its points (sorted by u). */
function heightAt(line: readonly Point[], u: number): number {
  for (let i = 0; i + 1 < line.length; i++) {
    const [[au, av], [bu, bv]] = [line[i], line[i + 1]];
    if (u >= au && u <= bu && bu > au) return av + ((u - au) / (bu - au)) * (bv - av);
  }
  return 0;
}
