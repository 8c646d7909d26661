import { BUILT_IN_PERMISSIONS } from '@keystone/sdk';
import { useId } from 'react';
import { useKeystone } from '../core/keystone-context.ts';
import { useStyles } from '../core/use-styles.ts';

// Two classes deep, so a surrounding form's `label{display:grid}` cannot put the box above its text.
const CSS = `
.ks-permission-editor__permissions{display:grid;grid-template-columns:repeat(auto-fill,minmax(12rem,1fr));gap:.25rem}
.ks-permission-editor__permissions .ks-permission-editor__permission{display:flex;align-items:center;gap:.4rem;font-weight:400}
.ks-permission-editor__permissions .ks-permission-editor__permission input{margin:0;width:auto}
`;

/** Every permission known in the organization: the built-in ones, then those its roles name. */
export function knownPermissions(roles: Array<{ permissions: string[] }>): string[] {
  const extra = new Set(
    roles.flatMap((role) => role.permissions).filter((p) => !BUILT_IN_PERMISSIONS.includes(p)),
  );
  return [...BUILT_IN_PERMISSIONS, ...[...extra].sort()];
}

/** A fieldset of checkboxes, one per permission (controlled). */
export function PermissionChecklist({
  legend,
  available,
  value,
  onChange,
  disabled = false,
}: {
  legend: string;
  available: string[];
  value: string[];
  onChange: (permissions: string[]) => void;
  disabled?: boolean;
}) {
  const { t } = useKeystone();
  const id = useId();
  useStyles('permission-checklist', CSS);
  return (
    <fieldset className="ks-permission-editor__permissions" disabled={disabled}>
      <legend className="ks-permission-editor__legend">{legend}</legend>
      {available.map((permission, index) => (
        <label key={permission} className="ks-permission-editor__permission" htmlFor={`${id}-${index}`}>
          <input
            id={`${id}-${index}`}
            type="checkbox"
            checked={value.includes(permission)}
            onChange={(event) =>
              onChange(
                event.target.checked
                  ? [...value, permission]
                  : value.filter((candidate) => candidate !== permission),
              )
            }
          />{' '}
          {t(`permission.${permission}`, permission)}
        </label>
      ))}
    </fieldset>
  );
}
