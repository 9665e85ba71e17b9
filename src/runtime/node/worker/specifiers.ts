/** Specifier helpers shared by the CommonJS fallback and the ESM loader hooks. */

export function isBareSpecifier(specifier: string): boolean {
  if (specifier.startsWith('.') || specifier.startsWith('/')) return false;
  // node:fs, file:///x, data:… are URLs or builtins, not packages.
  return !/^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(specifier);
}

/** `@aws-sdk/` (trailing slash) matches a scope; `yaml` matches that package and its subpaths. */
export function matchesRuntimePrefix(specifier: string, prefixes: readonly string[]): boolean {
  return prefixes.some((prefix) =>
    prefix.endsWith('/') ? specifier.startsWith(prefix) : specifier === prefix || specifier.startsWith(`${prefix}/`),
  );
}
