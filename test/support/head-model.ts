import { MESH_POINTS } from '../../src/domain/liveness/frame-analysis.js';
import { FACE_OVAL, INNER_LIPS, faceMeshTriangles } from './face-mesh-topology.js';
import { rotate, type Rotation } from './rotation.js';
import { pictureTriangle, signedArea } from './textured-triangle.js';

/**
 * The skirt: rings of vertices around the face outline, at these multiples of its distance from
 * the face's centre, following this share of the head's rotation. The mesh ends at the hairline,
 * jaw and cheeks: the rings carry the hair, ears and neck along with it and fade the movement out,
 * so the outermost ring joins the still background seamlessly.
 */
const SKIRT = [
  { spread: 1.3, follow: 0.75 },
  { spread: 1.7, follow: 0.35 },
  { spread: 2.2, follow: 0 },
] as const;

/** How far each skirt ring lies behind the outline, per unit of spread beyond it, in face widths. */
const SKIRT_DEPTH = 0.5;

/** The head turns about a point this far behind the mesh's centroid, in face widths: about the neck's axis. */
const PIVOT_DEPTH = 0.5;

/**
 * A photographed face as a textured 3-D surface: human's face mesh with a skirt of rings around
 * it, in the frame's pixels (x right, y down, z away from the camera). At rest, a vertex's (x, y)
 * is also where its texture comes from. Every triangle is wound so that it faces the camera when
 * its picture has a positive signed area.
 */
export class HeadModel {
  private constructor(
    /** Rest position per vertex: the MESH_POINTS face points, then the skirt rings. */
    readonly rest: Float32Array,
    /** Share of the head's rotation each vertex follows: 1 on the face, 0 on the skirt's rim. */
    private readonly follow: Float32Array,
    private readonly pivot: readonly [number, number, number],
    readonly faceTriangles: Uint16Array,
    readonly skirtTriangles: Uint16Array,
  ) {}

  /** @param mesh human's face mesh (MESH_POINTS × x, y, z), already placed in the frame. */
  static fromMesh(mesh: Float32Array): HeadModel {
    const point = (index: number) => [mesh[3 * index], mesh[3 * index + 1], mesh[3 * index + 2]];
    const outline = FACE_OVAL.map(point);
    const xs = outline.map(([x]) => x);
    const faceWidth = Math.max(...xs) - Math.min(...xs);
    const [cx, cy] = [0, 1].map((axis) => mean(outline.map((vertex) => vertex[axis])));

    const rest = new Float32Array(3 * (MESH_POINTS + SKIRT.length * FACE_OVAL.length));
    rest.set(mesh.subarray(0, 3 * MESH_POINTS));
    const follow = new Float32Array(rest.length / 3).fill(1);
    SKIRT.forEach(({ spread, follow: share }, ring) => {
      outline.forEach(([x, y, z], i) => {
        const vertex = MESH_POINTS + ring * FACE_OVAL.length + i;
        rest.set([cx + spread * (x - cx), cy + spread * (y - cy), z + (spread - 1) * SKIRT_DEPTH * faceWidth], 3 * vertex);
        follow[vertex] = share;
      });
    });

    const points = Array.from({ length: MESH_POINTS }, (_, index) => point(index));
    const centroid = [0, 1, 2].map((axis) => mean(points.map((vertex) => vertex[axis])));
    const pivot = [centroid[0], centroid[1], centroid[2] + PIVOT_DEPTH * faceWidth] as const;
    // human's triangles share one winding; a few face away already in the photo (the face's sides)
    // and must keep it, so they are drawn once a turn brings them round. The added ones face the camera.
    const totalArea = (triangles: Uint16Array) => Array.from({ length: triangles.length / 3 }, (_, t) => signedArea(pictureTriangle(rest, triangles, t))).reduce((a, b) => a + b, 0);
    const human = faceMeshTriangles();
    const face = concat(totalArea(human) > 0 ? human : reversed(human), facingCamera(rest, mouthTriangles()));
    return new HeadModel(rest, follow, pivot, face, facingCamera(rest, skirtTriangles()));
  }

  /** Vertex positions with the head rotated about its pivot. */
  posed(turn: Rotation): Float32Array {
    const positions = Float32Array.from(this.rest);
    const [px, py, pz] = this.pivot;
    for (let vertex = 0; vertex < positions.length / 3; vertex++) {
      const [x, y, z] = [positions[3 * vertex] - px, positions[3 * vertex + 1] - py, positions[3 * vertex + 2] - pz];
      const [rx, ry, rz] = rotate(turn, x, y, z);
      const share = this.follow[vertex];
      positions.set([px + x + share * (rx - x), py + y + share * (ry - y), pz + z + share * (rz - z)], 3 * vertex);
    }
    return positions;
  }
}

function mean(values: readonly number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

function concat(a: Uint16Array, b: Uint16Array): Uint16Array {
  const joined = new Uint16Array(a.length + b.length);
  joined.set(a);
  joined.set(b, a.length);
  return joined;
}

/** Each triangle with its winding reversed. */
function reversed(triangles: Uint16Array): Uint16Array {
  return triangles.map((_, i) => triangles[i - (i % 3) + 2 - (i % 3)]);
}

/** The triangles wound to face the camera at rest. */
function facingCamera(rest: Float32Array, triangles: Uint16Array): Uint16Array {
  const oriented = Uint16Array.from(triangles);
  for (let t = 0; t < triangles.length / 3; t++) {
    if (signedArea(pictureTriangle(rest, triangles, t)) < 0) oriented.set([triangles[3 * t], triangles[3 * t + 2], triangles[3 * t + 1]], 3 * t);
  }
  return oriented;
}

/** A strip between two facing contours of the mesh. */
function strip(upper: readonly number[], lower: readonly number[]): number[] {
  return upper.slice(1).flatMap((_, i) => [upper[i], upper[i + 1], lower[i], upper[i + 1], lower[i + 1], lower[i]]);
}

function mouthTriangles(): Uint16Array {
  return Uint16Array.from(strip(INNER_LIPS.upper, INNER_LIPS.lower));
}

/** Strips between the outline (mesh indices) and the first ring, and between consecutive rings. */
function skirtTriangles(): Uint16Array {
  const size = FACE_OVAL.length;
  const rings = [[...FACE_OVAL], ...SKIRT.map((_, ring) => Array.from({ length: size }, (_, i) => MESH_POINTS + ring * size + i))];
  // Each ring closed on itself: its first vertex again at the end.
  return Uint16Array.from(rings.slice(1).flatMap((outer, ring) => strip([...rings[ring], rings[ring][0]], [...outer, outer[0]])));
}
