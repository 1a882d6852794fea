// Sign-in: the user pastes an API token (from `chokepoint token create`);
// it is checked against the server and kept in sessionStorage only.
import { get, setToken } from '../api.js';
import { h, field, put } from '../ui.js';

export function render(main, ctx) {
  const input = h('input#token', {
    type: 'password',
    autocomplete: 'off',
    spellcheck: false,
    placeholder: 'Paste your API token',
    required: true,
  });
  const error = h('div.error', { hidden: true, role: 'alert' });
  const button = h('button.primary', { type: 'submit' }, 'Sign in');
  const form = h(
    'form.signin.card',
    {
      onsubmit: async (ev) => {
        ev.preventDefault();
        const token = input.value.trim();
        if (!token) return;
        button.disabled = true;
        error.hidden = true;
        try {
          await get('/v1/lists', { token, noRedirect: true });
          setToken(token);
          ctx.showBanner('');
          ctx.navigate(ctx.afterSignIn());
        } catch (e) {
          error.textContent =
            e.status === 401 ? 'This token was not accepted. Check that it was copied whole.' : e.message;
          error.hidden = false;
        } finally {
          button.disabled = false;
        }
      },
    },
    h('h1', 'Sign in'),
    h(
      'p.muted',
      'Chokepoint screens names, goods and payments against sanctions lists. ',
      'Sign in with an API token; an administrator creates one with ',
      h('code', 'chokepoint token create --role analyst'),
      '. The token is kept in this browser tab only and forgotten when the tab closes.',
    ),
    field('API token', input),
    error,
    h('div.actions', button),
  );
  put(main, h('div.signin-wrap', form));
  input.focus();
}
