/**
 * Collators made on first use, one per rule and kept (localeCompare with options builds a new one
 * at each call). The first collator a process makes loads ICU's collation data, about 7 ms on
 * Node 20: an `orgkey` command that compares no names does not pay for it.
 */
export function lazyCollator(options: Intl.CollatorOptions): () => Intl.Collator {
  let made: Intl.Collator | undefined;
  return () => (made ??= new Intl.Collator(undefined, options));
}
