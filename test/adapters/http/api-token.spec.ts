import { ApiToken } from '../../../src/adapters/http/api-token.js';

const TOKEN = 'local-token-0123456789abcdefghijklmnop';

describe('ApiToken', () => {
  const apiToken = new ApiToken(TOKEN);

  it('admits "Bearer <token>", whatever the case of the scheme', () => {
    expect(apiToken.admits(`Bearer ${TOKEN}`)).toBe(true);
    expect(apiToken.admits(`bearer ${TOKEN}`)).toBe(true);
  });

  it.each([
    ['no header', undefined],
    ['an empty header', ''],
    ['the scheme alone', 'Bearer'],
    ['another scheme', `Basic ${TOKEN}`],
    ['a prefix of the token', `Bearer ${TOKEN.slice(0, -1)}`],
    ['the token and more', `Bearer ${TOKEN}x`],
    ['another token of the same length', `Bearer ${TOKEN.replace('0', '1')}`],
  ])('refuses %s', (_name, header) => {
    expect(apiToken.admits(header)).toBe(false);
  });
});
