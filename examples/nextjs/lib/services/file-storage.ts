/** A stored file: its bytes and content type. */
export interface StoredFile {
  readonly bytes: Uint8Array;
  readonly contentType: string;
}

/**
 * Where uploaded images and their variants live. This in-memory stand-in keeps them in a map; put S3,
 * R2 or Vercel Blob calls behind the same two methods. Jobs pass keys between steps, never bytes: a
 * step's output is stored by Inngest and limited to 4 MiB.
 */
export interface FileStorage {
  put(key: string, file: StoredFile): Promise<void>;
  /** The file at `key`; throws when there is none. */
  get(key: string): Promise<StoredFile>;
}

/**
 * An empty in-memory file store.
 *
 * @example
 * ```ts
 * import { createMemoryFileStorage } from "./file-storage";
 *
 * const files = createMemoryFileStorage();
 * await files.put("uploads/img_1.png", { bytes: new Uint8Array([137, 80, 78, 71]), contentType: "image/png" });
 * ```
 */
export function createMemoryFileStorage(): FileStorage {
  const files = new Map<string, StoredFile>();
  return {
    async put(key, file) {
      files.set(key, file);
    },
    async get(key) {
      const file = files.get(key);
      if (!file) throw new Error(`no file at "${key}"`);
      return file;
    },
  };
}
