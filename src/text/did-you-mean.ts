// "Did you mean": the known key a mistyped key most likely is.

/**
 * The known key that an unknown `key` is one edit away from (a letter added, dropped, changed, or two
 * neighbours swapped), or differs from only in case; undefined when there is none. Keys of two
 * letters are matched by case only: one edit from `id` is too many ordinary words.
 */
export function likelyKey(key: string, known: Iterable<string>): string | undefined {
  const lower = key.toLowerCase();
  for (const k of known) {
    if (k.toLowerCase() === lower || (k.length > 2 && oneEditApart(lower, k.toLowerCase()))) return k;
  }
  return undefined;
}

/** Damerau–Levenshtein distance (optimal string alignment) of exactly 1, without building the table. */
function oneEditApart(a: string, b: string): boolean {
  if (a === b || Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    // One letter changed, or two neighbours swapped.
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  // One letter added or dropped.
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}
