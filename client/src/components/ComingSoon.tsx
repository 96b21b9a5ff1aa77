import { useT } from '../i18n/I18nProvider';

/** The placeholder list of what a panel will hold, until each feature ships. */
export function ComingSoon({ items }: { items: readonly string[] }) {
  const t = useT();
  return (
    <section className="card" aria-labelledby="coming-soon-heading">
      <h2 id="coming-soon-heading">{t('comingSoon.heading')}</h2>
      <p>{t('comingSoon.intro')}</p>
      <ul className="feature-list">
        {items.map((item) => (
          <li key={item}>{item}</li>
        ))}
      </ul>
    </section>
  );
}
