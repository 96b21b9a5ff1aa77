import { useT } from '../../i18n/I18nProvider';

/** Help text under a label; inputs point at it with aria-describedby. */
export function Hint({ id, children }: { id: string; children: string }) {
  return (
    <p id={id} className="field-hint">
      {children}
    </p>
  );
}

/** A field's error, or nothing. The hidden prefix says "error" without relying on colour. */
export function FieldError({ id, message }: { id: string; message: string | undefined }) {
  const t = useT();
  if (!message) return null;
  return (
    <p id={id} className="field-error">
      <span className="visually-hidden">{t('deepLinking.errorPrefix')} </span>
      {message}
    </p>
  );
}

/** Joins the ids that exist into an aria-describedby value. */
export function describedBy(...ids: (string | false | undefined)[]): string | undefined {
  const joined = ids.filter(Boolean).join(' ');
  return joined || undefined;
}
