import type { Locale, RosterSyncResponse } from '../../../server/http/contract';
import { apiErrorText } from '../errorText';
import { useRosterSync } from '../hooks/useRosterSync';
import { useLocale, useT } from '../i18n/I18nProvider';
import type { Translate } from '../i18n/translate';

/**
 * "Class roster": reads everyone enrolled in the LMS course (NRPS), so students who never
 * opened Trellis appear in the class list too. `onSynced` refreshes that list.
 */
export function RosterSync({ courseId, onSynced }: { courseId: string; onSynced: () => void }) {
  const t = useT();
  const locale = useLocale();
  const { state, sync } = useRosterSync(courseId, onSynced);
  const syncing = state.status === 'syncing';

  return (
    <section className="card" aria-labelledby="roster-heading">
      <h2 id="roster-heading">{t('roster.heading')}</h2>
      <p>{t('roster.intro')}</p>
      {/* aria-disabled, not disabled: the button keeps keyboard focus while the sync runs. */}
      <button type="button" className="button" aria-disabled={syncing} onClick={() => void sync()}>
        {t('roster.sync')}
      </button>
      {/* Both regions stay mounted so assistive tech is listening before their text arrives. */}
      <p role="status" className="status action-status">
        {syncing && t('roster.syncing')}
        {state.status === 'done' && <span key={state.attempt}>{syncedText(state.result, locale, t)}</span>}
      </p>
      <div role="alert">
        {state.status === 'error' && (
          <div key={state.attempt} className="notice notice-error">
            <p className="notice-title">{t('roster.failedTitle')}</p>
            <p>{apiErrorText(state.error, t)}</p>
            <p className="notice-code">{t('error.code', { code: state.error.code })}</p>
          </div>
        )}
      </div>
    </section>
  );
}

function syncedText(result: RosterSyncResponse, locale: Locale, t: Translate): string {
  const rules = new Intl.PluralRules(locale);
  const number = new Intl.NumberFormat(locale);
  const people = t(rules.select(result.members) === 'one' ? 'roster.peopleOne' : 'roster.peopleOther', {
    count: number.format(result.members),
  });
  // A "differences" sync counts changed people; removals arrive as status changes within them.
  if (result.mode === 'differences') {
    return result.members === 0 ? t('roster.syncedNoChanges') : t('roster.syncedChanges', { people });
  }
  const removed = t(rules.select(result.removed) === 'one' ? 'roster.removedOne' : 'roster.removedOther', {
    count: number.format(result.removed),
  });
  return t('roster.synced', { people, removed });
}
