import type { ReactNode } from 'react';
import { useKeystone } from '../core/keystone-context.ts';
import { ProblemMessage } from '../core/problem-message.tsx';
import { useStyles } from '../core/use-styles.ts';
import { classNames, useAction } from '../organizations/use-action.ts';
import { useRoles } from '../roles/use-roles.ts';
import { MemberRoleManager } from './member-role-manager.tsx';
import { type Member, useOrganizationMembers } from './use-organization-members.ts';

export type MemberListProps = {
  showRoles?: boolean;
  /** Role change and remove controls on each member. */
  showActions?: boolean;
  onMemberClick?: (member: Member) => void;
  emptyState?: ReactNode;
  /** The organization (default: the active one). */
  orgId?: string;
  className?: string;
};

const CSS = `
.ks-member-list{list-style:none;margin:0;padding:0;font-family:var(--ks-font,inherit)}
.ks-member-list__item{display:flex;flex-wrap:wrap;gap:.75rem;align-items:center;padding:.5rem 0;border-bottom:1px solid #e5e7eb}
.ks-member-list__who{flex:1;display:grid}
.ks-member-list__email,.ks-member-list__role{color:#6b7280;font-size:.875em}
.ks-member-list__name{background:none;border:0;padding:0;font:inherit;font-weight:500;text-align:left;cursor:pointer}
`;

/** The members of the active organization, with their roles; owners and admins can change or remove them. */
export function MemberList({
  showRoles = true,
  showActions = false,
  onMemberClick,
  emptyState,
  orgId,
  className,
}: MemberListProps) {
  const { t } = useKeystone();
  const { members, isLoading, error, removeMember } = useOrganizationMembers(orgId, { invitations: false });
  const { roles } = useRoles(showActions ? orgId : null);
  const { run, pending, error: actionError } = useAction();
  useStyles('member-list', CSS);

  if (error)
    return <ProblemMessage error={error} className={classNames('ks-member-list__error', className)} />;
  if (isLoading && members.length === 0) {
    return <p className="ks-member-list__loading">{t('memberList.loading', 'Loading members…')}</p>;
  }
  if (members.length === 0) {
    return (
      <>{emptyState ?? <p className="ks-member-list__empty">{t('memberList.empty', 'No members yet.')}</p>}</>
    );
  }
  return (
    <div className={classNames('ks-member-list-container', className)}>
      <ProblemMessage error={actionError} className="ks-member-list__error" />
      <ul className="ks-member-list" aria-label={t('memberList.label', 'Members')}>
        {members.map((member) => {
          const name = member.name ?? member.email;
          return (
            <li key={member.user_id} className="ks-member-list__item">
              <span className="ks-member-list__who">
                {onMemberClick ? (
                  <button
                    type="button"
                    className="ks-member-list__name"
                    onClick={() => onMemberClick(member)}
                  >
                    {name}
                  </button>
                ) : (
                  <span className="ks-member-list__name">{name}</span>
                )}
                <span className="ks-member-list__email">{member.email}</span>
              </span>
              {showRoles && !showActions && <span className="ks-member-list__role">{member.role}</span>}
              {showActions && (
                <>
                  <MemberRoleManager
                    key={member.role}
                    member={member}
                    availableRoles={roles}
                    {...(orgId ? { orgId } : {})}
                  />
                  <button
                    type="button"
                    className="ks-button ks-button--danger ks-member-list__remove"
                    disabled={pending}
                    onClick={() => run(() => removeMember(member.user_id))}
                  >
                    {t('memberList.remove', 'Remove {name}', { name })}
                  </button>
                </>
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
