/**
 * Checks the embedded engine's match threshold against ../shared/faces/pairs.csv.
 * Run from the project root: npm run calibrate
 */
import { FaceEngine, type DescribedFace } from '../src/adapters/embedded/face-engine.js';
import {
  DEFAULT_MATCH_THRESHOLD,
  MATCH_DISTANCE,
  descriptorDistance,
  distanceToSimilarity,
} from '../src/adapters/embedded/similarity.js';
import { type LabelledPair, loadPairsOrExit, readFaceSetFile } from './face-set.js';

interface Pair extends LabelledPair {
  distance: number;
}

async function main(): Promise<void> {
  const pairs: Pair[] = (await loadPairsOrExit()).map((pair) => ({ ...pair, distance: Number.NaN }));

  const engine = await FaceEngine.load({ maxPixels: 50_000_000 });
  const largestFace = new Map<string, DescribedFace>();
  for (const file of new Set(pairs.flatMap((pair) => [pair.a, pair.b]))) {
    const faces = await engine.describe(await readFaceSetFile(file), file);
    if (faces.length === 0) console.log(`no face found in ${file}`);
    const largest = faces.sort((x, y) => y.boundingBox.width * y.boundingBox.height - x.boundingBox.width * x.boundingBox.height)[0];
    if (largest) largestFace.set(file, largest);
  }
  for (const pair of pairs) {
    const [a, b] = [largestFace.get(pair.a), largestFace.get(pair.b)];
    pair.distance = a && b ? descriptorDistance(a.descriptor, b.descriptor) : Number.POSITIVE_INFINITY;
  }

  const genuine = pairs.filter((pair) => pair.same).sort((x, y) => x.distance - y.distance);
  const impostor = pairs.filter((pair) => !pair.same).sort((x, y) => x.distance - y.distance);
  const worstGenuine = genuine[genuine.length - 1];
  const worstImpostor = impostor[0];
  const correct = pairs.filter((pair) => distanceToSimilarity(pair.distance) >= DEFAULT_MATCH_THRESHOLD === pair.same);
  const f = (n: number): string => n.toFixed(3);

  console.log(`pairs: ${genuine.length} genuine, ${impostor.length} impostor`);
  console.log(`genuine distance:  ${f(genuine[0].distance)} – ${f(worstGenuine.distance)} (worst ${worstGenuine.a} / ${worstGenuine.b})`);
  console.log(`impostor distance: ${f(worstImpostor.distance)} – ${f(impostor[impostor.length - 1].distance)} (closest ${worstImpostor.a} / ${worstImpostor.b})`);
  console.log(`gap midpoint: ${f((worstGenuine.distance + worstImpostor.distance) / 2)}`);
  console.log(`threshold: distance ${MATCH_DISTANCE} = similarity ${DEFAULT_MATCH_THRESHOLD}`);
  console.log(`accuracy at threshold: ${correct.length}/${pairs.length} (${f((100 * correct.length) / pairs.length)} %)`);
  console.log(`margin: genuine ${f(MATCH_DISTANCE - worstGenuine.distance)}, impostor ${f(worstImpostor.distance - MATCH_DISTANCE)} (distance)`);
  console.log(`similarity: worst genuine ${f(distanceToSimilarity(worstGenuine.distance))}, closest impostor ${f(distanceToSimilarity(worstImpostor.distance))}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
