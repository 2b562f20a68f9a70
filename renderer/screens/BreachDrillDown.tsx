// The breach assessor's drill-down: a municipality (from the map or the list) → its users
// (pseudonymous ids) with views, persons viewed, first and last view and categories seen
// → one user's views in time order. Counts and times only, shown in the app and never
// exported or copied (there are no export buttons here on purpose).
import { useEffect, useState } from 'react';
import type { MunicipalityUser, UserView } from '../../shared/analyses/datalek/drilldown';
import { formatCount, formatInstant } from '../../shared/format/index';
import { useApp } from '../app/context';
import { ErrorBox } from '../components/ErrorBox';
import { useLanguage } from '../i18n/i18n';
import { asWireError } from '../worker/client';
import type { WireError } from '../worker/protocol';

interface Props {
  municipalities: { code: string; name: string }[];
  selected: string | null;
  onSelect(code: string | null): void;
}

export function BreachDrillDown({ municipalities, selected, onSelect }: Props) {
  const { core } = useApp();
  const { t } = useLanguage();
  // Results are kept with the request they answer, so a change of municipality or user
  // shows nothing stale and needs no reset inside an effect.
  const [users, setUsers] = useState<{ municipality: string; users: MunicipalityUser[] } | null>(null);
  const [chosenUser, setChosenUser] = useState<{ municipality: string; user: string } | null>(null);
  const [views, setViews] = useState<{ key: string; views: UserView[] } | null>(null);
  const [error, setError] = useState<{ key: string; error: WireError } | null>(null);
  const name = municipalities.find((m) => m.code === selected)?.name ?? selected ?? '';
  const user = chosenUser !== null && chosenUser.municipality === selected ? chosenUser.user : null;
  const viewsKey = selected === null || user === null ? null : `${selected}\u0000${user}`;
  const shownUsers = users !== null && users.municipality === selected ? users.users : null;
  const shownViews = views !== null && views.key === viewsKey ? views.views : null;
  const shownError = error !== null && (error.key === selected || error.key === viewsKey) ? error.error : null;

  useEffect(() => {
    if (selected === null) return undefined;
    let current = true;
    core.call('datalekUsers', { gemeente: selected }).then(
      (result) => current && setUsers({ municipality: selected, users: result.users }),
      (caught: unknown) => current && setError({ key: selected, error: asWireError(caught) }),
    );
    return () => {
      current = false;
    };
  }, [core, selected]);

  useEffect(() => {
    if (selected === null || user === null || viewsKey === null) return undefined;
    let current = true;
    core.call('datalekUserViews', { gemeente: selected, user }).then(
      (result) => current && setViews({ key: viewsKey, views: result.views }),
      (caught: unknown) => current && setError({ key: viewsKey, error: asWireError(caught) }),
    );
    return () => {
      current = false;
    };
  }, [core, selected, user, viewsKey]);

  return (
    <section className="card" aria-labelledby="drill-title" data-testid="drilldown">
      <h2 id="drill-title">{t('drillTitle')}</h2>
      <p className="muted small">{t('drillIntro')}</p>
      <label className="field inline compact">
        <span>{t('drillMunicipality')}</span>
        <select value={selected ?? ''} onChange={(e) => onSelect(e.target.value === '' ? null : e.target.value)} data-testid="drill-municipality">
          <option value="">{t('drillChoose')}</option>
          {municipalities.map((m) => <option key={m.code} value={m.code}>{m.name} ({m.code})</option>)}
        </select>
      </label>
      {shownError !== null && <ErrorBox error={shownError} />}
      {selected !== null && shownUsers !== null && (
        <>
          <h3>{t('drillUsersOf', { name, count: formatCount(shownUsers.length) })}</h3>
          {shownUsers.length === 0 ? (
            <p className="muted">{t('drillNoUsers')}</p>
          ) : (
            <div className="drill-scroll">
              <table className="simple" data-testid="drill-users">
                <caption className="visually-hidden">{t('drillUsersOf', { name, count: formatCount(shownUsers.length) })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('drillUser')}</th>
                    <th scope="col" className="number">{t('drillViews')}</th>
                    <th scope="col" className="number">{t('drillPersons')}</th>
                    <th scope="col">{t('drillFirst')}</th>
                    <th scope="col">{t('drillLast')}</th>
                    <th scope="col">{t('drillCategories')}</th>
                  </tr>
                </thead>
                <tbody>
                  {shownUsers.map((each) => (
                    <tr key={each.user} className={each.user === user ? 'selected' : undefined}>
                      <th scope="row">
                        <button type="button" className="link-button" onClick={() => selected !== null && setChosenUser({ municipality: selected, user: each.user })} aria-pressed={each.user === user}>
                          {each.user}
                        </button>
                      </th>
                      <td className="number">{formatCount(each.views)}</td>
                      <td className="number">{formatCount(each.personsViewed)}</td>
                      <td><time dateTime={each.first}>{formatInstant(each.first)}</time></td>
                      <td><time dateTime={each.last}>{formatInstant(each.last)}</time></td>
                      <td>{each.categories.join(', ')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
      {user !== null && shownViews !== null && (
        <div data-testid="drill-timeline">
          <h3>{t('drillTimelineOf', { user, count: formatCount(shownViews.length) })}</h3>
          <ol className="timeline">
            {shownViews.map((view, index) => (
              <li key={`${view.at}-${index}`}>
                <time dateTime={view.at}>{formatInstant(view.at, { seconds: true })}</time>
                <span>{view.categories.join(', ')}</span>
              </li>
            ))}
          </ol>
        </div>
      )}
    </section>
  );
}
