import { InvalidConfiguration, loadConfig } from '../../src/config/app-config.js';

/** The problems loadConfig reports for `env`, one per bad variable; empty when it loads. */
export function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof InvalidConfiguration) return error.problems;
    throw error;
  }
  return [];
}
