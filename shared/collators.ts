/**
 * The two rules names are compared by, each one collator made on first use and kept (localeCompare
 * with options builds a new one at each call). The first collator a process makes loads ICU's
 * collation data, about 7 ms on Node 20: an `orgkey` command that compares no names does not pay
 * for it.
 */
function lazyCollator(options: Intl.CollatorOptions): () => Intl.Collator {
  let made: Intl.Collator | undefined;
  return () => (made ??= new Intl.Collator(undefined, options));
}

/** The order names are listed in: ignoring case and accents, numbers by value ("UAT 2" before "UAT 10"). */
export const nameOrder = lazyCollator({ sensitivity: 'base', numeric: true });

/** Whether two names are the same name: without regard to case; accents count ("Café" is not "Cafe"). */
export const nameMatch = lazyCollator({ sensitivity: 'accent' });
