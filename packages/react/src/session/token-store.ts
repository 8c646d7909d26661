/** Where the session's tokens live: this tab's memory (default), or the browser's storage. */
export type StorageMode = 'memory' | 'localStorage' | 'sessionStorage';

export type TokenSet = {
  accessToken: string;
  /** Absent in cookie delivery (the browser holds it as an HttpOnly cookie). */
  refreshToken: string | null;
  /** When the access token expires, epoch milliseconds (this machine's clock). */
  expiresAt: number;
};

export type TokenStore = {
  mode: StorageMode;
  read(): TokenSet | null;
  write(tokens: TokenSet | null): void;
  /** True when other tabs read the same tokens (localStorage): they adopt ours instead of refreshing. */
  shared: boolean;
};

export function createTokenStore(mode: StorageMode, key: string): TokenStore {
  const storage = browserStorage(mode);
  if (!storage) {
    let tokens: TokenSet | null = null;
    return {
      mode: 'memory',
      shared: false,
      read: () => tokens,
      write: (next) => {
        tokens = next;
      },
    };
  }
  return {
    mode,
    shared: mode === 'localStorage',
    read: () => parse(storage.getItem(key)),
    write: (next) => {
      if (next) storage.setItem(key, JSON.stringify(next));
      else storage.removeItem(key);
    },
  };
}

function browserStorage(mode: StorageMode): Storage | null {
  if (mode === 'memory' || typeof window === 'undefined') return null;
  try {
    return mode === 'localStorage' ? window.localStorage : window.sessionStorage;
  } catch {
    return null; // storage disabled (privacy settings): fall back to memory
  }
}

function parse(text: string | null): TokenSet | null {
  if (!text) return null;
  try {
    const value = JSON.parse(text) as Partial<TokenSet>;
    if (typeof value.accessToken !== 'string' || typeof value.expiresAt !== 'number') return null;
    return {
      accessToken: value.accessToken,
      refreshToken: value.refreshToken ?? null,
      expiresAt: value.expiresAt,
    };
  } catch {
    return null;
  }
}
