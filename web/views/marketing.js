// Marketing (#/marketing?as_of=YYYY-MM-DD): the care notifications and replacement suggestions
// due on a day, paged with the API's cursors, each with "Mark as sent" (the row then leaves the
// list, and stays gone on reload because the service records it).
import { api } from '../api.js';
import { h, replace, loading, empty, errorMessage, messageSlot, field, money, day, shoeLink, today } from '../dom.js';

const PAGE = 20;

export async function render(main, { query }) {
  const asOf = query.get('as_of') || today();
  const date = h('input', { type: 'date', name: 'as_of', value: asOf, required: true });
  const dateForm = h('form', { class: 'inline-form', 'aria-label': 'Choose the day' },
    field('Due on', date), h('button', { type: 'submit' }, 'Show'));
  dateForm.addEventListener('submit', (event) => {
    event.preventDefault();
    location.hash = `#/marketing?as_of=${encodeURIComponent(date.value)}`;
  });
  const care = h('section', { class: 'panel care-list', 'aria-labelledby': 'care-title' });
  const replacement = h('section', { class: 'panel replacement-list', 'aria-labelledby': 'replacement-title' });
  replace(main, h('h1', {}, 'Marketing'), dateForm, care, replacement);
  await Promise.all([
    pagedList(care, {
      title: 'Care notifications', id: 'care-title', path: '/care', asOf, columns: ['Purchase', 'User', 'Shoe', 'Bought', 'Due', 'Care'],
      row: (item) => [item.purchase_id, userLink(item.user_id), shoeLink(item), day(item.purchased_at), item.due_on, item.care_instructions],
      sent: (item) => api('/care/sent', { method: 'POST', query: { as_of: asOf }, body: { purchase_id: item.purchase_id, due_on: item.due_on } }),
    }),
    pagedList(replacement, {
      title: 'Replacement suggestions', id: 'replacement-title', path: '/replacement', asOf, extra: { within_days: 14, k: 3 },
      columns: ['Purchase', 'User', 'Worn shoe', 'End of life', 'Days left', 'Suggested'],
      row: (item) => [item.purchase_id, userLink(item.user_id), shoeLink(item), item.estimated_end_of_life, item.days_left,
        h('ul', { class: 'suggestions' }, item.suggestions.map((s) => h('li', {}, shoeLink(s), ` ${money(s.price)}`)))],
      sent: (item) => api('/replacement/sent', { method: 'POST', body: { purchase_id: item.purchase_id } }),
    }),
  ]);
}

const userLink = (id) => h('a', { href: `#/users/${id}` }, `user ${id}`);

/** One list with Next/Previous over `next_cursor`; the cursors seen are kept to go back. */
async function pagedList(panel, spec) {
  const cursors = [null];
  let page = 0;
  const body = h('div', { class: 'list-body' });
  const slot = messageSlot();
  const previous = h('button', { type: 'button', class: 'secondary', disabled: true }, 'Previous page');
  const next = h('button', { type: 'button', class: 'secondary', disabled: true }, 'Next page');
  const position = h('span', { class: 'hint' });
  replace(panel, h('h2', { id: spec.id }, spec.title), slot, body, h('div', { class: 'pager' }, previous, position, next));

  async function load() {
    previous.disabled = next.disabled = true;
    replace(body, loading(spec.title.toLowerCase()));
    try {
      const answer = await api(spec.path, { query: { as_of: spec.asOf, limit: PAGE, cursor: cursors[page], ...spec.extra } });
      cursors[page + 1] = answer.next_cursor || undefined;
      position.textContent = `page ${page + 1}`;
      previous.disabled = page === 0;
      next.disabled = !answer.next_cursor;
      replace(body, answer.items.length ? table(answer.items) : empty(`Nothing due on ${spec.asOf}.`));
    } catch (error) {
      replace(body, errorMessage(error));
    }
  }

  function table(items) {
    return h('div', { class: 'table-wrap' }, h('table', {},
      h('thead', {}, h('tr', {}, spec.columns.map((c) => h('th', { scope: 'col' }, c)), h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, 'Action')))),
      h('tbody', {}, items.map((item) => {
        const rowSlot = messageSlot();
        const button = h('button', { type: 'button', class: 'secondary', 'aria-label': `Mark purchase ${item.purchase_id} as sent` }, 'Mark as sent');
        const row = h('tr', { dataset: { purchase: item.purchase_id } },
          spec.row(item).map((cell, i) => h('td', { 'data-label': spec.columns[i] }, cell)),
          h('td', {}, button, rowSlot));
        button.addEventListener('click', async () => {
          button.disabled = true;
          try {
            await spec.sent(item);
            row.remove();
            slot.note(`Purchase ${item.purchase_id} marked as sent.`);
          } catch (error) {
            button.disabled = false;
            rowSlot.show(error);
          }
        });
        return row;
      }))));
  }

  previous.addEventListener('click', () => { page -= 1; load(); });
  next.addEventListener('click', () => { page += 1; load(); });
  await load();
}
