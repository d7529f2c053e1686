// The admin token, kept in this module's memory only: never in storage, cookies or the URL, so
// it is gone when the tab is closed or reloaded.
import { h, field, messageSlot } from './dom.js';

let token = null;

export const adminToken = () => token;
export const forgetAdminToken = () => { token = null; };

/**
 * Shows the token form in `container` again after a 401 (a wrong token is forgotten at once),
 * with the refusal next to the input.
 */
export function askAgain(container, error, onToken, purpose) {
  token = null;
  const form = tokenForm(onToken, purpose);
  container.replaceChildren(form);
  form.messages.show(error);
}

/**
 * A small form asking for the token; `onToken(token, slot)` runs on submit and may show an error
 * in `slot` (for instance a 401) next to the input.
 */
export function tokenForm(onToken, purpose) {
  const input = h('input', { type: 'password', name: 'token', autocomplete: 'off', required: true, minlength: 16 });
  const slot = messageSlot();
  const form = h('form', { class: 'inline-form token-form', 'aria-label': 'Admin token' },
    field('Admin token', input, `${purpose} needs the service's ADMIN_TOKEN; it stays in this page's memory only.`),
    h('button', { type: 'submit' }, 'Use token'),
    slot);
  form.messages = slot; // not `slot`: every element has a `slot` property of its own
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    token = input.value.trim();
    slot.clear();
    onToken(token, slot);
  });
  return form;
}
