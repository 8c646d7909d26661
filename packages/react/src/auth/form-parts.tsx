import {
  type FormEvent,
  type InputHTMLAttributes,
  type ReactNode,
  useCallback,
  useId,
  useLayoutEffect,
  useRef,
  useState,
} from 'react';

/**
 * The CSS every Keystone form shares, for one block (`login-form` →
 * .ks-login-form, .ks-login-form__field, …), on the provider's --ks-* variables.
 */
export function formCss(block: string): string {
  const b = `.ks-${block}`;
  return [
    `${b}{display:flex;flex-direction:column;gap:.75rem;font-family:var(--ks-font,inherit);max-width:24rem}`,
    `${b}__title{font-size:1.25rem;margin:0}`,
    `${b}__hint{margin:0;color:#4b5563;font-size:.9rem}`,
    `${b}__field{display:flex;flex-direction:column;gap:.25rem}`,
    `${b}__label{font-weight:600;font-size:.9rem}`,
    `${b}__input{padding:.5rem .75rem;border:1px solid #d1d5db;border-radius:var(--ks-radius,6px);font:inherit}`,
    `${b}__input:focus{outline:2px solid var(--ks-primary,#4f46e5);outline-offset:1px}`,
    `${b}__submit{padding:.55rem 1rem;border:0;border-radius:var(--ks-radius,6px);background:var(--ks-primary,#4f46e5);color:#fff;font:inherit;font-weight:600;cursor:pointer}`,
    `${b}__submit:disabled{opacity:.6;cursor:progress}`,
    `${b}__link{background:none;border:0;padding:0;color:var(--ks-primary,#4f46e5);font:inherit;text-decoration:underline;cursor:pointer;align-self:flex-start}`,
    `${b}__success{margin:0;color:#047857}`,
  ].join('\n');
}

export function classes(...names: Array<string | false | undefined>): string {
  return names.filter(Boolean).join(' ');
}

type FieldProps = {
  block: string;
  /** Also the input's id suffix and name. */
  name: string;
  label: ReactNode;
  value: string;
  onValueChange(value: string): void;
} & Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'name' | 'id' | 'className'>;

/** A labelled input with the block's class names. */
export function Field({ block, name, label, value, onValueChange, ...input }: FieldProps) {
  const id = `${useId()}-${name}`;
  return (
    <div className={`ks-${block}__field`}>
      <label className={`ks-${block}__label`} htmlFor={id}>
        {label}
      </label>
      <input
        {...input}
        id={id}
        name={name}
        className={`ks-${block}__input`}
        value={value}
        onChange={(event) => onValueChange(event.target.value)}
      />
    </div>
  );
}

/** A heading that takes focus when it appears: a form replaced by its result keeps keyboard users in place. */
export function FocusedHeading({ className, children }: { className: string; children: ReactNode }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useLayoutEffect(() => heading.current?.focus(), []);
  return (
    <h2 ref={heading} className={className} tabIndex={-1}>
      {children}
    </h2>
  );
}

/**
 * A form's submission: `submit(event, action)` runs the action once, with
 * `submitting` true meanwhile and what it threw kept in `error` (shown with
 * ProblemMessage), so no form repeats the try/catch/finally.
 */
export function useSubmission() {
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const submit = useCallback(async (event: FormEvent, action: () => Promise<void>) => {
    event.preventDefault();
    setSubmitting(true);
    setError(null);
    try {
      await action();
    } catch (caught) {
      setError(caught);
    } finally {
      setSubmitting(false);
    }
  }, []);
  return { submitting, error, submit };
}
