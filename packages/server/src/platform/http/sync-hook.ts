/**
 * Most hook bodies finish synchronously on the hot path (a cached credential, a
 * rate-limit counter in memory) and only sometimes wait (the database, Redis).
 * An `async` hook costs a promise and a microtask turn on every request even
 * when nothing waits; a callback hook that calls `done` at once costs neither.
 * `settle` runs such a body and calls `done` when it is finished, whichever way.
 */
export type HookDone = (error?: Error) => void;

export function settle(body: () => void | Promise<void>, done: HookDone): void {
  let result: void | Promise<void>;
  try {
    result = body();
  } catch (error) {
    done(error as Error);
    return;
  }
  if (result instanceof Promise) result.then(() => done(), done);
  else done();
}

/** A value that is sometimes ready now and sometimes later. */
export type MaybePromise<T> = T | Promise<T>;

/** Applies `next` to `value` without a microtask turn when `value` is ready now. */
export function then<T, R>(value: MaybePromise<T>, next: (value: T) => MaybePromise<R>): MaybePromise<R> {
  return value instanceof Promise ? value.then(next) : next(value);
}
