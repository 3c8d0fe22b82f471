import { loadConfig } from '../../src/config/app-config.js';
import { problemsOf } from './config-problems.js';

describe('CORS_ORIGINS', () => {
  it('leaves CORS off when unset or empty', () => {
    expect(loadConfig({}).corsOrigins).toEqual([]);
    expect(loadConfig({ CORS_ORIGINS: '' }).corsOrigins).toEqual([]);
  });

  it('reads a comma-separated list of origins, spaces around commas allowed', () => {
    expect(loadConfig({ CORS_ORIGINS: 'https://app.example, http://localhost:5173' }).corsOrigins).toEqual(['https://app.example', 'http://localhost:5173']);
  });

  it.each(['*', 'app.example', 'https://app.example/', 'https://app.example/path', 'ftp://app.example', 'https://App.example', 'https://app.example, nonsense'])(
    'refuses %j with one line naming CORS_ORIGINS',
    (value) => {
      const problems = problemsOf({ CORS_ORIGINS: value });

      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(/^CORS_ORIGINS: .*origins such as https:\/\/app\.example/);
    },
  );
});

describe('LOG_LEVEL', () => {
  it('defaults to info and accepts pino\'s levels', () => {
    expect(loadConfig({}).logLevel).toBe('info');
    expect(loadConfig({ LOG_LEVEL: 'debug' }).logLevel).toBe('debug');
    expect(loadConfig({ LOG_LEVEL: 'silent' }).logLevel).toBe('silent');
  });

  it('refuses an unknown level with one line naming LOG_LEVEL', () => {
    expect(problemsOf({ LOG_LEVEL: 'verbose' })).toEqual([expect.stringMatching(/^LOG_LEVEL: /)]);
  });
});
