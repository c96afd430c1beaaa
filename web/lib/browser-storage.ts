// What the app keeps in localStorage (saved scenarios, challenge progress)
// shares two rules: storage may be missing (privacy mode, a sandboxed iframe)
// and damaged data is never fatal — it is copied aside under a dated backup
// key, so nothing the user had is lost, and the caller reports that key.

export type StorageLike = Pick<Storage, "getItem" | "setItem" | "removeItem">;

/** The page's localStorage, or null where the browser refuses it. */
export function defaultStorage(): StorageLike | null {
  try {
    return typeof localStorage === "undefined" ? null : localStorage;
  } catch {
    return null;
  }
}

/** Copies `raw` to `<prefix><ISO date>` and returns that key (even if there was no room: the report still helps). */
export function setAside(storage: StorageLike, prefix: string, raw: string): string {
  const key = `${prefix}${new Date().toISOString()}`;
  try {
    storage.setItem(key, raw);
  } catch {
    /* no room for the backup */
  }
  return key;
}
