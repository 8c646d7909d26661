import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import { useKeystone } from '../core/keystone-context.ts';

// Versions of cached server data by key (`members:<orgId>`, `organizations`, ...). A mutation in one
// hook bumps its key, so every other hook showing that data (a list beside a modal) reloads too.
const versions = new Map<string, number>();
const listeners = new Set<() => void>();

/** Tells every mounted hook reading these keys to load again. */
export function invalidate(...keys: string[]): void {
  for (const key of keys) versions.set(key, (versions.get(key) ?? 0) + 1);
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

// Loads in flight, per client (each client is one signed-in user) and per ticket, so ten gates
// mounted together send one request.
const inFlight = new WeakMap<object, Map<string, Promise<unknown>>>();

function shared<T>(client: object, ticket: string, load: () => Promise<T>): Promise<T> {
  let loads = inFlight.get(client);
  if (!loads) {
    loads = new Map();
    inFlight.set(client, loads);
  }
  const running = loads.get(ticket);
  if (running) return running as Promise<T>;
  const started = load().finally(() => loads.delete(ticket));
  loads.set(ticket, started);
  return started;
}

export type Resource<T> = {
  data: T | undefined;
  error: unknown;
  isLoading: boolean;
  reload(): void;
};

/**
 * Loads `load()` and loads again when the session's revision changes (sign-in, organization
 * switch), when `key` changes or is invalidated. A null key means nothing to load (no organization).
 * Answers of an older load never overwrite a newer one.
 */
export function useResource<T>(key: string | null, load: () => Promise<T>): Resource<T> {
  const { client, session } = useKeystone();
  const version = useSyncExternalStore(
    subscribe,
    () => (key ? (versions.get(key) ?? 0) : 0),
    () => 0,
  );
  const [local, setLocal] = useState(0);
  const [state, setState] = useState<{
    key: string | null;
    data: T | undefined;
    error: unknown;
    loadedFor: string | null;
  }>({ key: null, data: undefined, error: null, loadedFor: null });
  const ticket = `${key}|${session.revision}|${version}|${local}`;
  // biome-ignore lint/correctness/useExhaustiveDependencies: `ticket` and `client` name every reason to load again; `load` is a fresh closure each render.
  useEffect(() => {
    if (!key) {
      setState({ key, data: undefined, error: null, loadedFor: ticket });
      return;
    }
    let current = true;
    shared(client, ticket, load).then(
      (data) => current && setState({ key, data, error: null, loadedFor: ticket }),
      (error: unknown) =>
        current &&
        setState((previous) => ({
          key,
          data: previous.key === key ? previous.data : undefined,
          error,
          loadedFor: ticket,
        })),
    );
    return () => {
      current = false;
    };
  }, [ticket, client]);
  const reload = useCallback(() => setLocal((n) => n + 1), []);
  // Another organization's data is never shown while this one's loads.
  const sameKey = state.key === key;
  return {
    data: sameKey ? state.data : undefined,
    error: sameKey ? state.error : null,
    isLoading: key !== null && state.loadedFor !== ticket,
    reload,
  };
}
