/**
 * A value computed once per site build and shared by every page that shows it (a year's list and
 * its facet counts, for example), instead of once per page: a build's data never changes while it
 * renders. In the dev server, whose code changes while it runs, it is computed on every call.
 */
export function perBuild<T>(compute: () => Promise<T>): () => Promise<T> {
  let value: Promise<T> | undefined;
  return () => {
    if (import.meta.env.DEV) return compute();
    value ??= compute();
    return value;
  };
}
