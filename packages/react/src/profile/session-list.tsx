import type { paths } from '@keystone/sdk';
import { useCallback, useEffect, useState } from 'react';
import { useKeystoneAuth } from '../core/keystone-auth-context.ts';
import { useKeystone } from '../core/keystone-context.ts';
import { ProblemMessage } from '../core/problem-message.tsx';
import { answered } from '../session/session-manager.ts';

const B = 'user-profile';
type SessionRow =
  paths['/v1/me/sessions']['get']['responses'][200]['content']['application/json']['data'][number];

/** The user's live sessions (devices), each with a button that ends it; ending this one signs out. */
export function SessionList() {
  const { client, t, session } = useKeystone();
  const { signOut } = useKeystoneAuth();
  const [sessions, setSessions] = useState<SessionRow[] | null>(null);
  const [error, setError] = useState<unknown>(null);

  const load = useCallback(async () => {
    try {
      setSessions(answered((await client.GET('/v1/me/sessions')).data).data);
    } catch (caught) {
      setError(caught);
    }
  }, [client]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the revision is the reason to read it again
  useEffect(() => {
    void load();
  }, [load, session.revision]);

  async function revoke(row: SessionRow) {
    setError(null);
    try {
      if (row.current) return await signOut();
      await client.DELETE('/v1/me/sessions/{sessionId}', { params: { path: { sessionId: row.id } } });
      await load();
    } catch (caught) {
      setError(caught);
    }
  }

  return (
    <section className={`ks-${B}__section ks-${B}__sessions`}>
      <h3 className={`ks-${B}__heading`}>{t('sessions.title', 'Where you are signed in')}</h3>
      <ul className={`ks-${B}__session-list`}>
        {sessions?.map((row) => (
          <li className={`ks-${B}__session`} key={row.id}>
            <span className={`ks-${B}__session-device`}>
              {row.user_agent ?? t('sessions.unknown_device', 'Unknown device')}
              {row.current && ` (${t('sessions.this_device', 'this device')})`}
            </span>
            <span className={`ks-${B}__session-meta`}>
              {t('sessions.meta', '{ip}, last active {when}', {
                ip: row.ip ?? '?',
                when: new Date(row.last_active_at).toLocaleString(),
              })}
            </span>
            <button className={`ks-${B}__link`} type="button" onClick={() => revoke(row)}>
              {row.current
                ? t('sessions.sign_out', 'Sign out')
                : t('sessions.revoke', 'Sign out this device')}
            </button>
          </li>
        ))}
      </ul>
      <ProblemMessage error={error} />
    </section>
  );
}
