import type { Session } from './api';
import { Api, detectAuthMode } from './api';
import { announce, byId, h } from './dom';
import { renderHome } from './home-view';
import { renderJob } from './job-view';
import { renderStoryboard } from './storyboard-view';

/** Where the API is: the page's own origin unless the build set `<meta name="storyboard-api">`. */
const API_BASE = (
  document.querySelector<HTMLMetaElement>('meta[name="storyboard-api"]')?.content ?? ''
).replace(/\/$/, '');
const SESSION_KEY = 'storyboard.session';

function loadSession(): Session | undefined {
  const raw = sessionStorage.getItem(SESSION_KEY);
  if (!raw) return undefined;
  const s = JSON.parse(raw) as Partial<Session>;
  return (s.mode === 'dev' || s.mode === 'jwt') && typeof s.credential === 'string'
    ? { mode: s.mode, credential: s.credential }
    : undefined;
}

async function renderSignIn(root: HTMLElement, onDone: () => void) {
  const mode = await detectAuthMode(API_BASE);
  const id = 'credential';
  const input = h('input', {
    id,
    name: id,
    type: mode === 'dev' ? 'text' : 'password',
    required: true,
    autocomplete: mode === 'dev' ? 'username' : 'off',
  });
  const form = h(
    'form',
    { id: 'sign-in' },
    h(
      'label',
      { for: id },
      mode === 'dev' ? 'User id (AUTH_MODE=dev)' : 'Bearer token (AUTH_MODE=jwt)',
    ),
    input,
    h('button', { type: 'submit', class: 'primary' }, 'Sign in'),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    sessionStorage.setItem(SESSION_KEY, JSON.stringify({ mode, credential: input.value.trim() }));
    onDone();
  });
  root.replaceChildren(
    h('h1', {}, 'Sign in to Storyboard'),
    h(
      'p',
      {},
      mode === 'dev'
        ? 'This server runs in dev mode: any user id works, and you only see that user’s novels.'
        : 'Paste an access token from your identity provider; its subject is your user.',
    ),
    form,
  );
  input.focus();
}

let current: AbortController | undefined;

/** Hash routes: `#/`, `#/jobs/{id}`, `#/jobs/{id}/storyboard`. */
async function route() {
  current?.abort();
  const controller = new AbortController();
  current = controller;
  const root = byId('main');
  const session = loadSession();
  const who = byId('who');
  who.replaceChildren();
  if (!session) return renderSignIn(root, () => void route());
  const signOut = h('button', { type: 'button', id: 'sign-out' }, 'Sign out');
  signOut.addEventListener('click', () => {
    sessionStorage.removeItem(SESSION_KEY);
    location.hash = '#/';
    void route();
  });
  who.append(
    session.mode === 'dev' ? `Signed in as ${session.credential} ` : 'Signed in ',
    signOut,
  );
  const api = new Api(API_BASE, session);
  const go = (hash: string) => {
    location.hash = hash;
  };
  const [, kind, id, sub] = location.hash.split('/');
  document.title = 'Storyboard';
  try {
    if (kind === 'jobs' && id && sub === 'storyboard') await renderStoryboard(root, api, id);
    else if (kind === 'jobs' && id) await renderJob(root, api, id, controller.signal);
    else await renderHome(root, api, go);
    root.focus();
  } catch (err) {
    announce(err instanceof Error ? err.message : String(err), 'error');
  }
}

window.addEventListener('hashchange', () => void route());
void route();
