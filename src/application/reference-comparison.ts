import { DomainError, ServiceUnavailable } from '../domain/domain.errors.js';
import { Image } from '../domain/image.js';
import type { FaceComparer } from '../domain/ports/face-comparer.port.js';
import type { ImageStore } from '../domain/ports/image-store.port.js';

/**
 * The similarity of a session's reference image with its live face, both already in the ImageStore;
 * null without a reference image. A reference in which no face is found matches nothing: 0.
 */
export async function compareWithReference(
  referenceImageKey: string | null,
  liveFaceKey: string,
  ports: { readonly images: ImageStore; readonly comparer: FaceComparer },
): Promise<number | null> {
  if (!referenceImageKey) return null;
  const [reference, live] = await Promise.all([referenceImageKey, liveFaceKey].map((key) => storedImage(ports.images, key)));
  try {
    const comparison = await ports.comparer.compare(reference, live);
    return Math.max(0, ...comparison.targetFaces.map((face) => face.similarity));
  } catch (error) {
    if (error instanceof DomainError && (error.code === 'NO_FACE_FOUND' || error.code === 'INVALID_IMAGE')) return 0;
    throw error;
  }
}

async function storedImage(images: ImageStore, key: string): Promise<Image> {
  const bytes = await images.get(key);
  // Deleted under a running session (retention sweep, manual cleanup): the store, not the request, is at fault.
  if (!bytes) throw new ServiceUnavailable('storage lost an image of this session');
  return Image.fromBytes(bytes, key, bytes.length);
}
