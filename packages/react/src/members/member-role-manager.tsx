import { useId, useState } from 'react';
import { useKeystone } from '../core/keystone-context.ts';
import { ProblemMessage } from '../core/problem-message.tsx';
import { useStyles } from '../core/use-styles.ts';
import { classNames, useAction } from '../organizations/use-action.ts';
import { type Role, useRoles } from '../roles/use-roles.ts';
import { type Member, useMemberActions } from './use-organization-members.ts';

export type MemberRoleManagerProps = {
  member: Member;
  /** Defaults to the organization's roles. */
  availableRoles?: Role[];
  orgId?: string;
  onRoleChange?: (member: Member) => void;
  className?: string;
};

const CSS = `
.ks-member-role-manager{display:inline-flex;gap:.5rem;align-items:center;font-family:var(--ks-font,inherit)}
.ks-member-role-manager__select{padding:.3rem;border:1px solid #d1d5db;border-radius:var(--ks-radius,6px);font:inherit}
`;

/** Changes one member's role (needs roles:manage; only an owner makes or unmakes owners). */
export function MemberRoleManager({
  member,
  availableRoles,
  orgId,
  onRoleChange,
  className,
}: MemberRoleManagerProps) {
  const { t } = useKeystone();
  const { roles } = useRoles(availableRoles ? null : orgId);
  const { updateMemberRole } = useMemberActions(orgId);
  const { run, pending, error } = useAction();
  const [role, setRole] = useState(member.role);
  const id = useId();
  useStyles('member-role-manager', CSS);
  const choices = availableRoles ?? roles;
  const label = member.name ?? member.email;

  async function save() {
    const updated = await run(() => updateMemberRole(member.user_id, role));
    if (updated) onRoleChange?.(updated);
  }

  return (
    <div className={classNames('ks-member-role-manager', className)}>
      <label className="ks-member-role-manager__label" htmlFor={id}>
        {t('memberRoleManager.label', 'Role of {name}', { name: label })}
      </label>
      <select
        id={id}
        className="ks-member-role-manager__select"
        value={role}
        onChange={(e) => setRole(e.target.value)}
      >
        {!choices.some((choice) => choice.key === role) && <option value={role}>{role}</option>}
        {choices.map((choice) => (
          <option key={choice.key} value={choice.key}>
            {choice.name}
          </option>
        ))}
      </select>
      <button
        type="button"
        className="ks-button ks-member-role-manager__save"
        disabled={pending || role === member.role}
        onClick={save}
      >
        {t('memberRoleManager.save', 'Change role of {name}', { name: label })}
      </button>
      <ProblemMessage error={error} className="ks-member-role-manager__error" />
    </div>
  );
}
