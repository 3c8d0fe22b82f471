import { configVariableNames, loadConfig } from '../../src/config/app-config.js';
import { problemsOf } from './config-problems.js';

const POOL = 'eu-west-1:0f8e2a9c-4b7d-4a55-9d1e-6f0c3b2a1e90';
const DEPLOYED = { ENVIRONMENT: 'production', API_TOKEN: 't'.repeat(32), FACE_PROVIDER: 'rekognition', STORAGE: 's3', IMAGES_BUCKET: 'images', SESSIONS_BUCKET: 'sessions' };

describe('Rekognition Face Liveness capture configuration', () => {
  it('reads AWS_REGION and COGNITO_IDENTITY_POOL_ID for the capture page', () => {
    const config = loadConfig({ ...DEPLOYED, AWS_REGION: 'eu-west-1', COGNITO_IDENTITY_POOL_ID: POOL });

    expect(config.rekognition.capture).toEqual({ region: 'eu-west-1', identityPoolId: POOL });
    expect(configVariableNames()).toEqual(expect.arrayContaining(['AWS_REGION', 'COGNITO_IDENTITY_POOL_ID']));
  });

  it('requires both with rekognition and s3 outside development, one line each', () => {
    expect(problemsOf(DEPLOYED)).toEqual([
      'AWS_REGION: AWS_REGION is required when FACE_PROVIDER is rekognition and STORAGE is s3, outside development',
      'COGNITO_IDENTITY_POOL_ID: COGNITO_IDENTITY_POOL_ID is required when FACE_PROVIDER is rekognition and STORAGE is s3, outside development',
    ]);
  });

  it.each([
    ['development', { ...DEPLOYED, ENVIRONMENT: 'development' }],
    ['STORAGE=fs, where Rekognition has no bucket for its liveness pictures', { ...DEPLOYED, STORAGE: 'fs' }],
    ['the embedded engine', { ...DEPLOYED, FACE_PROVIDER: 'embedded' }],
  ])('leaves them optional in %s, with no capture settings', (_, env) => {
    expect(loadConfig(env).rekognition.capture).toBeNull();
  });

  it.each([
    ['AWS_REGION', 'Ireland'],
    ['COGNITO_IDENTITY_POOL_ID', 'my-pool'],
  ])('refuses %s=%s with rekognition, even where it is optional', (name, value) => {
    const problems = problemsOf({ FACE_PROVIDER: 'rekognition', [name]: value });

    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(new RegExp(`^${name}: ${name} must`));
  });

  it('holds Rekognition liveness checks to REKOGNITION_LIVENESS_THRESHOLD, 0.5 unless set, within 0–1', () => {
    expect(loadConfig({}).rekognition.livenessThreshold).toBe(0.5);
    expect(loadConfig({ REKOGNITION_LIVENESS_THRESHOLD: '0.9' }).rekognition.livenessThreshold).toBe(0.9);
    expect(problemsOf({ REKOGNITION_LIVENESS_THRESHOLD: '90' })).toEqual([expect.stringMatching(/^REKOGNITION_LIVENESS_THRESHOLD: /)]);
  });

  it('ignores AWS_REGION with the embedded engine, whatever another tool set it to', () => {
    expect(problemsOf({ AWS_REGION: 'local' })).toEqual([]);
  });
});
