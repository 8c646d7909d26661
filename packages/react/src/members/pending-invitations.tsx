import type { ReactNode } from 'react';
import { useKeystone } from '../core/keystone-context.ts';
import { ProblemMessage } from '../core/problem-message.tsx';
import { useStyles } from '../core/use-styles.ts';
import { classNames, useAction } from '../organizations/use-action.ts';
import { type Invitation, useOrganizationMembers } from './use-organization-members.ts';

export type PendingInvitationsProps = {
  onResend?: (invitation: Invitation) => void;
  onCancel?: (invitationId: string) => void;
  emptyState?: ReactNode;
  orgId?: string;
  className?: string;
};

const CSS = `
.ks-pending-invitations{list-style:none;margin:0;padding:0;font-family:var(--ks-font,inherit)}
.ks-pending-invitations__item{display:flex;flex-wrap:wrap;gap:.75rem;align-items:center;padding:.5rem 0;border-bottom:1px solid #e5e7eb}
.ks-pending-invitations__email{flex:1;font-weight:500}
.ks-pending-invitations__role,.ks-pending-invitations__expires{color:#6b7280;font-size:.875em}
`;

/** Invitations not yet accepted (needs members:invite): resend a new link or withdraw one. */
export function PendingInvitations({
  onResend,
  onCancel,
  emptyState,
  orgId,
  className,
}: PendingInvitationsProps) {
  const { t } = useKeystone();
  const { pendingInvitations, isLoading, invitationsError, resendInvitation, cancelInvitation } =
    useOrganizationMembers(orgId, { members: false });
  const { run, pending, error } = useAction();
  useStyles('pending-invitations', CSS);

  if (invitationsError) {
    return (
      <ProblemMessage
        error={invitationsError}
        className={classNames('ks-pending-invitations__error', className)}
      />
    );
  }
  if (isLoading && pendingInvitations.length === 0) {
    return (
      <p className="ks-pending-invitations__loading">
        {t('pendingInvitations.loading', 'Loading invitations…')}
      </p>
    );
  }
  return (
    <div className={classNames('ks-pending-invitations-container', className)}>
      <ProblemMessage error={error} className="ks-pending-invitations__error" />
      {pendingInvitations.length === 0 ? (
        (emptyState ?? (
          <p className="ks-pending-invitations__empty">
            {t('pendingInvitations.empty', 'No pending invitations.')}
          </p>
        ))
      ) : (
        <ul
          className="ks-pending-invitations"
          aria-label={t('pendingInvitations.label', 'Pending invitations')}
        >
          {pendingInvitations.map((invitation) => (
            <li key={invitation.id} className="ks-pending-invitations__item">
              <span className="ks-pending-invitations__email">{invitation.email}</span>
              <span className="ks-pending-invitations__role">{invitation.role}</span>
              <span className="ks-pending-invitations__expires">
                {t('pendingInvitations.expires', 'Expires {date}', {
                  date: new Date(invitation.expires_at).toLocaleDateString(),
                })}
              </span>
              <button
                type="button"
                className="ks-button ks-button--secondary ks-pending-invitations__resend"
                disabled={pending}
                onClick={async () => {
                  const resent = await run(() => resendInvitation(invitation.id));
                  if (resent) onResend?.(resent);
                }}
              >
                {t('pendingInvitations.resend', 'Resend to {email}', { email: invitation.email })}
              </button>
              <button
                type="button"
                className="ks-button ks-button--danger ks-pending-invitations__cancel"
                disabled={pending}
                onClick={async () => {
                  const done = await run(async () => {
                    await cancelInvitation(invitation.id);
                    return true;
                  });
                  if (done) onCancel?.(invitation.id);
                }}
              >
                {t('pendingInvitations.cancel', 'Withdraw invitation to {email}', {
                  email: invitation.email,
                })}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
