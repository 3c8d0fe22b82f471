import { InvalidConfiguration, loadConfig } from '../../src/config/app-config.js';

describe('liveness configuration', () => {
  it('defaults to a 5-minute capture link, a per-process key, 3 steps and 2 audit images', () => {
    const [a, b] = [loadConfig({}).liveness, loadConfig({}).liveness];
    expect(a).toMatchObject({ captureTtlSeconds: 300, returnUrlOrigins: [], publicBaseUrl: null, auditImages: 2, steps: 3, maxFrames: 300 });
    expect(a.captureSecret.length).toBeGreaterThanOrEqual(32);
    expect(a.captureSecret).not.toBe(b.captureSecret);
  });

  it('reads the capture key, return origins and public base URL', () => {
    const secret = 'k'.repeat(32);
    const config = loadConfig({ CAPTURE_TOKEN_SECRET: secret, RETURN_URL_ORIGINS: 'https://app.example, http://localhost:5173', PUBLIC_BASE_URL: 'https://id.example' });
    expect(config.liveness).toMatchObject({ captureSecret: secret, returnUrlOrigins: ['https://app.example', 'http://localhost:5173'], publicBaseUrl: 'https://id.example' });
  });

  it('runs the movement and light challenge unless LIVENESS_CHALLENGE says movement', () => {
    expect(loadConfig({}).liveness.challenge).toBe('movementAndLight');
    expect(loadConfig({ LIVENESS_CHALLENGE: 'movement' }).liveness.challenge).toBe('movement');
  });

  it.each([
    ['CAPTURE_TOKEN_SECRET', 'short'],
    ['RETURN_URL_ORIGINS', 'https://app.example/path'],
    ['PUBLIC_BASE_URL', 'ftp://id.example'],
    ['AUDIT_IMAGES', '5'],
    ['LIVENESS_STEPS', '0'],
    ['CAPTURE_TOKEN_TTL_SECONDS', '10'],
    ['LIVENESS_CHALLENGE', 'light'],
  ])('refuses %s=%s with a line naming it', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(InvalidConfiguration);
    expect(() => loadConfig({ [name]: value })).toThrow(new RegExp(name));
  });
});
