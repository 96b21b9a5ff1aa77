import type { CourseMemberView } from '../../../server/http/contract';
import { formatDateTime, formatList } from '../format';
import { useLocale, useT } from '../i18n/I18nProvider';

/** The class list as a real table: caption, column headers and a row header per person. */
export function MembersTable({ members }: { members: readonly CourseMemberView[] }) {
  const t = useT();
  const locale = useLocale();

  return (
    <table className="data-table">
      <caption>{t('members.caption', { count: members.length })}</caption>
      <thead>
        <tr>
          <th scope="col">{t('members.name')}</th>
          <th scope="col">{t('members.roles')}</th>
          <th scope="col">{t('members.lastLaunch')}</th>
        </tr>
      </thead>
      <tbody>
        {members.map((member, index) => (
          // Members carry no id (privacy: names may be withheld), so position is the key.
          <tr key={index}>
            <th scope="row">{member.displayName ?? t('members.anonymous')}</th>
            <td>
              {member.roles.length > 0
                ? formatList(member.roles.map((role) => t(`role.${role}`)), locale)
                : t('members.noRoles')}
            </td>
            <td>
              {member.lastLaunchAt ? (
                <time dateTime={member.lastLaunchAt}>
                  {formatDateTime(member.lastLaunchAt, locale) ?? member.lastLaunchAt}
                </time>
              ) : (
                t('members.never')
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
