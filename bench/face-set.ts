import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

/** The development face set beside the project (not in a fresh clone: benchmarks say so and stop). */
export const FACE_SET_DIR = path.resolve(process.cwd(), '../shared/faces');

export interface LabelledPair {
  readonly a: string;
  readonly b: string;
  readonly same: boolean;
}

/** pairs.csv (`file_a,file_b,same`), or exits with a clear message when the face set is absent. */
export async function loadPairsOrExit(): Promise<LabelledPair[]> {
  const file = path.join(FACE_SET_DIR, 'pairs.csv');
  if (!existsSync(file)) {
    console.error(`${file} not found: run from the project root with the face set at ../shared/faces.`);
    process.exit(1);
  }
  return (await readFile(file, 'utf8'))
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.split(','))
    .map(([a, b, same]) => ({ a, b, same: same?.trim() === 'yes' }));
}

export function readFaceSetFile(name: string): Promise<Buffer> {
  return readFile(path.join(FACE_SET_DIR, name));
}
