import { FileStampedCache } from '../../../src/adapters/fs/file-stamped-cache.js';

describe('FileStampedCache', () => {
  it('serves a value only for the stamp it was stored with', () => {
    const cache = new FileStampedCache<string>(2);
    cache.set('a', 'v1', 'first');

    expect(cache.get('a', 'v1')).toBe('first');
    expect(cache.get('a', 'v2')).toBeUndefined();
    // A mismatch drops the entry: the file moved on, so its old value is no use.
    expect(cache.get('a', 'v1')).toBeUndefined();
  });

  it('drops the least recently used value once over capacity', () => {
    const cache = new FileStampedCache<string>(2);
    cache.set('a', 's', 'A');
    cache.set('b', 's', 'B');
    cache.get('a', 's');
    cache.set('c', 's', 'C');

    expect([cache.get('a', 's'), cache.get('b', 's'), cache.get('c', 's')]).toEqual(['A', undefined, 'C']);
  });

  it('forgets a deleted key', () => {
    const cache = new FileStampedCache<string>(2);
    cache.set('a', 's', 'A');
    cache.delete('a');

    expect(cache.get('a', 's')).toBeUndefined();
  });
});
