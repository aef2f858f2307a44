// One form's state: the typed values, each field's error code, the form's own error and
// whether it is being sent. A failed check or answer moves focus to the first bad field.
import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/http';
import { describeError } from './describe';
import { type FieldErrors, serverFieldErrors } from './validate';

export function useForm<V extends Record<string, string>>(initial: V) {
  const { t, i18n } = useTranslation();
  const [values, setValues] = useState<V>(initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);

  const focusFirstError = (errs: FieldErrors) => {
    const first = Object.keys(errs)[0];
    if (!first) return;
    // After React has drawn the errors, so the reader hears the field with its problem.
    setTimeout(() => {
      const el = formRef.current?.querySelector<HTMLElement>(`[name="${CSS.escape(first)}"]`);
      el?.focus();
    });
  };

  const bind = (name: keyof V & string) => ({
    name,
    value: values[name],
    onChange: (e: { target: { value: string } }) =>
      setValues((v) => ({ ...v, [name]: e.target.value })),
  });

  /** Runs `action` unless `errs` is non-empty; the server's field errors land on their fields. */
  const submit =
    (validate: () => FieldErrors, action: () => Promise<void>) => async (e: FormEvent) => {
      e.preventDefault();
      if (submitting) return;
      const errs = validate();
      setErrors(errs);
      setFormError(null);
      if (Object.keys(errs).length > 0) {
        focusFirstError(errs);
        return;
      }
      setSubmitting(true);
      try {
        await action();
      } catch (err) {
        const fieldErrs = err instanceof ApiError ? serverFieldErrors(err.fields) : {};
        // A field the form does not show (the server's name for it differs) must not hide
        // the error: then the form says it as a whole.
        const shown = Object.keys(fieldErrs).some((name) =>
          formRef.current?.querySelector(`[name="${CSS.escape(name)}"]`),
        );
        setErrors(fieldErrs);
        if (shown) focusFirstError(fieldErrs);
        else setFormError(describeError(t, err, i18n.language));
      } finally {
        setSubmitting(false);
      }
    };

  return {
    values,
    setValues,
    errors,
    setErrors,
    formError,
    setFormError,
    submitting,
    bind,
    submit,
    formRef,
  };
}
