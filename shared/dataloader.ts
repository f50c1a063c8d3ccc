/**
 * Data Loader facts shared by the export form and the core.
 */

/** Standard objects known to have a Name field (Case, Task and others have none). */
const NAMED_OBJECTS = new Set(['Account', 'Contact', 'Lead', 'Opportunity', 'Product2', 'User', 'Campaign', 'Pricebook2']);

/**
 * The SOQL an extract job runs when the admin did not write one: Id and Name where the object is known
 * to have a Name (custom objects always do), otherwise Id alone, so Data Loader never refuses it.
 */
export function defaultSoql(object: string): string {
  return NAMED_OBJECTS.has(object) || object.endsWith('__c') ? `SELECT Id, Name FROM ${object}` : `SELECT Id FROM ${object}`;
}

/**
 * `text` as one word for a POSIX shell: single quotes, a quote inside closed and reopened. The
 * folder's README.txt and the app show `orgkey export refresh <alias>` with it, so both read the same.
 */
export const posixWord = (text: string) => (/^[A-Za-z0-9._@:/+-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`);
