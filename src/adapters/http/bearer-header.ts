/** The token of an `Authorization: Bearer <token>` header (scheme case-insensitive); null for anything else. */
export function bearerToken(header: string | undefined): string | null {
  const [scheme, token] = (header ?? '').split(' ', 2);
  return scheme?.toLowerCase() === 'bearer' && token ? token : null;
}
