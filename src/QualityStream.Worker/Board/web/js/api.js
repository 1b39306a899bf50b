// The worker's JSON endpoints with the page's key. A 404 means this worker has no such history (an older worker, or
// the ledger switched off): the caller hides that panel's data instead of failing.
import { storedKey } from './key.js';

export const UNAVAILABLE = Symbol('unavailable');

/** GET `path` with the key kept under `storageName`; UNAVAILABLE on 404, throws on other failures. */
export async function getJson(storageName, path) {
  const key = storedKey(storageName);
  const response = await fetch(path, { headers: key ? { Authorization: `Bearer ${key}` } : {}, cache: 'no-store' });
  if (response.status === 404) return UNAVAILABLE;
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return response.json();
}
