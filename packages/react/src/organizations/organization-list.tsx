import type { ReactNode } from 'react';
import { useKeystone } from '../core/keystone-context.ts';
import { ProblemMessage } from '../core/problem-message.tsx';
import { useStyles } from '../core/use-styles.ts';
import type { Organization } from './types.ts';
import { classNames, useAction } from './use-action.ts';
import { useOrganizations } from './use-organizations.ts';

export type OrganizationListProps = {
  /** Called when an organization is chosen; by default choosing one makes it active. */
  onSelect?: (organization: Organization) => void;
  /** Show a Leave button on each organization (default true). */
  showLeave?: boolean;
  emptyState?: ReactNode;
  className?: string;
};

const CSS = `
.ks-organization-list{list-style:none;margin:0;padding:0;font-family:var(--ks-font,inherit)}
.ks-organization-list__item{display:flex;gap:.75rem;align-items:center;padding:.5rem 0;border-bottom:1px solid #e5e7eb}
.ks-organization-list__name{flex:1;font-weight:500}
.ks-organization-list__item--current .ks-organization-list__name{color:var(--ks-primary,#4f46e5)}
.ks-organization-list__role{color:#6b7280;font-size:.875em}
`;

/** Every organization the user belongs to, with their role; open one or leave it. */
export function OrganizationList({
  onSelect,
  showLeave = true,
  emptyState,
  className,
}: OrganizationListProps) {
  const { t, session, setActiveOrganization } = useKeystone();
  const { organizations, isLoading, error, leave } = useOrganizations();
  const { run, pending, error: actionError } = useAction();
  useStyles('organization-list', CSS);

  if (isLoading && organizations.length === 0) {
    return (
      <p className="ks-organization-list__loading">
        {t('organizationList.loading', 'Loading organizations…')}
      </p>
    );
  }
  return (
    <div className={classNames('ks-organization-list-container', className)}>
      <ProblemMessage error={actionError ?? error} className="ks-organization-list__error" />
      {organizations.length === 0 && !error ? (
        (emptyState ?? (
          <p className="ks-organization-list__empty">
            {t('organizationList.empty', 'You do not belong to any organization yet.')}
          </p>
        ))
      ) : (
        <ul className="ks-organization-list">
          {organizations.map((organization) => {
            const current = organization.id === session.activeOrganizationId;
            return (
              <li
                key={organization.id}
                className={classNames(
                  'ks-organization-list__item',
                  current && 'ks-organization-list__item--current',
                )}
                aria-current={current ? 'true' : undefined}
              >
                <span className="ks-organization-list__name">{organization.name}</span>
                <span className="ks-organization-list__role">{organization.role}</span>
                <button
                  type="button"
                  className="ks-button ks-button--secondary ks-organization-list__open"
                  disabled={pending}
                  onClick={() =>
                    onSelect ? onSelect(organization) : run(() => setActiveOrganization(organization.id))
                  }
                >
                  {t('organizationList.open', 'Open {name}', { name: organization.name })}
                </button>
                {showLeave && (
                  <button
                    type="button"
                    className="ks-button ks-button--danger ks-organization-list__leave"
                    disabled={pending}
                    onClick={() => run(() => leave(organization.id))}
                  >
                    {t('organizationList.leave', 'Leave {name}', { name: organization.name })}
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
