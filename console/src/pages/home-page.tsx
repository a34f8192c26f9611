/**
 * Get started: the journey from an empty gateway to Salesforce, as a checklist that ticks
 * itself from the gateway's state (users invited, a token, a connection that works,
 * permissions, published tables), each step linking to where it is done.
 */
import type { ReactNode } from 'react';
import { admin } from '../api/admin-client';
import {
  canManageConnections,
  canManageUsers,
  type Connection,
  type Publication,
  type Token,
  type User,
} from '../api/api-types';
import { icons } from '../components/icons';
import { Page } from '../components/page';
import { Loading } from '../components/states';
import { useAsync } from '../components/use-async';
import { Link } from '../router/router';
import { useCurrentUser } from '../session/session-context';

interface Step {
  readonly title: string;
  readonly text: ReactNode;
  readonly done: boolean;
  readonly to: string;
  readonly action: string;
}

export function HomePage() {
  const user = useCurrentUser();
  const state = useAsync(
    async (signal) => {
      const [users, tokens, connections, publications] = await Promise.all([
        canManageUsers(user.role)
          ? admin
              .get<{ users: User[] }>('/users', { signal })
              .then((result) => result.users)
              .catch(() => [])
          : Promise.resolve([] as User[]),
        admin
          .get<{ tokens: Token[] }>('/me/tokens', { signal })
          .then((result) => result.tokens)
          .catch(() => []),
        admin
          .get<{ connections: Connection[] }>('/connections', { signal })
          .then((result) => result.connections)
          .catch(() => []),
        admin
          .get<{ publications: Publication[] }>('/publications', { signal })
          .then((result) => result.publications)
          .catch(() => []),
      ]);
      return { users, tokens, connections, publications };
    },
    [user.role],
  );
  const data = state.data;
  const steps: Step[] = [];
  if (data !== undefined) {
    if (canManageUsers(user.role)) {
      steps.push({
        title: 'Invite your team',
        text: 'Everyone who connects Salesforce, Excel or a script needs a user.',
        done: data.users.length > 1,
        to: '/users',
        action: 'Invite users',
      });
    }
    if (canManageConnections(user.role)) {
      steps.push(
        {
          title: 'Connect Kintone',
          text: 'Add a connection with your domain address and credentials; Tsunagi tests it first.',
          done: data.connections.some((connection) => connection.lastTest?.ok === true),
          to: data.connections.length === 0 ? '/connections/new' : '/connections',
          action: 'Add a connection',
        },
        {
          title: 'Grant permissions',
          text: 'Choose who may read (Select) and change (Insert, Update, Delete) each connection.',
          done: data.connections.length > 0 && data.publications.length > 0,
          to:
            data.connections[0] === undefined
              ? '/connections'
              : `/connections/${data.connections[0].id}/permissions`,
          action: 'Set permissions',
        },
        {
          title: 'Publish tables',
          text: 'Pick the apps and subtables to offer as OData entity sets, each under a name you choose.',
          done: data.publications.length > 0,
          to: '/odata/add',
          action: 'Publish tables',
        },
      );
    }
    steps.push(
      {
        title: 'Create a personal access token',
        text: 'OData clients sign in with your e-mail address and a token. You see it once.',
        done: data.tokens.some(
          (token) => token.revokedAt === null && !token.name.startsWith('Console data explorer'),
        ),
        to: '/profile',
        action: 'Create a token',
      },
      {
        title: 'Connect Salesforce or Excel',
        text: 'The OData page lists the exact values to enter in Salesforce Connect, Excel and Power BI.',
        done: false,
        to: '/odata',
        action: 'See the values',
      },
    );
  }
  const remaining = steps.filter((step) => !step.done).length;
  return (
    <Page
      title={`Welcome${user.displayName === '' ? '' : `, ${user.displayName}`}`}
      description="Tsunagi publishes your Kintone apps as live, writable OData feeds for Salesforce Connect, Excel and Power BI."
    >
      {data === undefined ? (
        <Loading />
      ) : (
        <section className="card" aria-labelledby="steps-title">
          <header className="card-header">
            <div>
              <h2 className="card-title" id="steps-title">
                Get started
              </h2>
              <div className="card-description">
                {remaining === 0
                  ? 'All done.'
                  : `${steps.length - remaining} of ${steps.length} steps done.`}
              </div>
            </div>
          </header>
          <ol className="steps">
            {steps.map((step, index) => (
              <li key={step.title} className={`step${step.done ? ' step-done' : ''}`}>
                <span className="step-marker" aria-hidden="true">
                  {step.done ? icons.check : index + 1}
                </span>
                <div className="step-text">
                  <h3 className="step-title">
                    {step.title}
                    {step.done ? <span className="visually-hidden"> (done)</span> : null}
                  </h3>
                  <p className="muted">{step.text}</p>
                </div>
                <Link
                  to={step.to}
                  className={`button button-small ${step.done ? 'button-ghost' : 'button-secondary'}`}
                >
                  {step.action}
                </Link>
              </li>
            ))}
          </ol>
        </section>
      )}
    </Page>
  );
}
