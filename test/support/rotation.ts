/** A 3×3 rotation, row-major, acting on picture coordinates: x right, y down, z away from the camera. */
export type Rotation = readonly [number, number, number, number, number, number, number, number, number];

const RADIANS_PER_DEGREE = Math.PI / 180;

/**
 * Turn by `yaw` about the vertical axis (+ moves what faces the camera to the picture's left),
 * then tilt by `pitch` about the horizontal one (+ moves it down), then `roll` in the picture's
 * plane (+ clockwise as seen in the picture), all in degrees.
 */
export function rotation(yaw: number, pitch: number, roll = 0): Rotation {
  const [cy, sy] = [Math.cos(yaw * RADIANS_PER_DEGREE), Math.sin(yaw * RADIANS_PER_DEGREE)];
  const [cp, sp] = [Math.cos(pitch * RADIANS_PER_DEGREE), Math.sin(pitch * RADIANS_PER_DEGREE)];
  const [cr, sr] = [Math.cos(roll * RADIANS_PER_DEGREE), Math.sin(roll * RADIANS_PER_DEGREE)];
  // Rz(roll) · Rx(pitch) · Ry(yaw), multiplied out.
  const pitchYaw = [cy, 0, sy, sp * sy, cp, -sp * cy, -cp * sy, sp, cp * cy];
  return [
    cr * pitchYaw[0] - sr * pitchYaw[3],
    cr * pitchYaw[1] - sr * pitchYaw[4],
    cr * pitchYaw[2] - sr * pitchYaw[5],
    sr * pitchYaw[0] + cr * pitchYaw[3],
    sr * pitchYaw[1] + cr * pitchYaw[4],
    sr * pitchYaw[2] + cr * pitchYaw[5],
    pitchYaw[6],
    pitchYaw[7],
    pitchYaw[8],
  ];
}

/** `rotation` applied to (x, y, z). */
export function rotate(r: Rotation, x: number, y: number, z: number): [number, number, number] {
  return [r[0] * x + r[1] * y + r[2] * z, r[3] * x + r[4] * y + r[5] * z, r[6] * x + r[7] * y + r[8] * z];
}
