import { useCallback, useState } from 'react';

/**
 * Runs a mutation for a component: `pending` while it runs, its problem in `error`
 * (shown with ProblemMessage) instead of a rejected promise nobody sees.
 * Resolves to the result, or undefined when it failed.
 */
export function useAction() {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = useCallback(async <T>(action: () => Promise<T>): Promise<T | undefined> => {
    setPending(true);
    setError(null);
    try {
      return await action();
    } catch (caught) {
      setError(caught);
      return undefined;
    } finally {
      setPending(false);
    }
  }, []);
  return { run, pending, error, setError };
}

export function classNames(...names: Array<string | false | null | undefined>): string {
  return names.filter(Boolean).join(' ');
}
