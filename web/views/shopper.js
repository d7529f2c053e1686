// Shopper (#/users/{id}, #/users/new): a profile and its timeline, the recommendations of any
// served model with why, a filter bar (type, brand, price band, diversity, hide viewed), and
// buttons that record events; the list is fetched again at once, so a purchased shoe leaves it
// (the service folds the new event in without a retrain).
import { api } from '../api.js';
import { adminToken } from '../admin.js';
import { h, replace, loading, empty, errorMessage, messageSlot, field, money, number, dateTime, shoeLink, shoeName } from '../dom.js';
import { shareBar } from '../chart.js';

/** The models the service serves by default; /admin/models names the live set when a token is known. */
const DEFAULT_MODELS = ['hybrid', 'svd', 'content', 'popularity', 'ease', 'ials', 'segment'];
let servedModels = DEFAULT_MODELS;

async function refreshServedModels() {
  if (!adminToken()) return;
  try {
    const answer = await api('/admin/models', { token: adminToken() });
    const names = answer.items && answer.items[0] && answer.items[0].models;
    if (Array.isArray(names) && names.length) servedModels = ['hybrid', ...names.filter((n) => n !== 'hybrid')];
  } catch { /* keep the default list; the models view shows admin errors */ }
}

const EVENT_LABELS = { view: 'Viewed', add_to_wishlist: 'Wishlisted', purchase: 'Bought' };

export async function render(main, { id, query }) {
  const model = query.get('model') || 'hybrid';
  const input = h('input', { type: 'number', name: 'user', min: 1, max: 2147483647, required: true, value: id === 'new' ? '' : id });
  const finder = h('form', { class: 'inline-form', 'aria-label': 'Find a user' },
    field('User id', input),
    h('button', { type: 'submit' }, 'Show'),
    h('button', { type: 'button', class: 'secondary', onclick: () => { location.hash = '#/users/new'; } }, 'A new visitor'));
  finder.addEventListener('submit', (event) => {
    event.preventDefault();
    location.hash = `#/users/${encodeURIComponent(input.value)}${model === 'hybrid' ? '' : `?model=${model}`}`;
  });
  const profile = h('section', { class: 'panel profile', 'aria-label': 'Profile' });
  const recommendations = h('section', { class: 'panel recommendations', 'aria-label': 'Recommendations' });
  replace(main, h('h1', {}, 'Shopper'), finder, h('div', { class: 'columns' }, recommendations, profile));

  if (id === 'new') return renderVisitor(profile, recommendations);
  if (!/^[1-9]\d{0,9}$/.test(id)) {
    replace(recommendations, errorMessage('A user id is a positive whole number.'));
    replace(profile, empty('No user chosen.'));
    return;
  }
  await refreshServedModels();
  const state = { user: Number(id), model };
  await Promise.all([loadProfile(profile, state), loadRecommendations(recommendations, profile, state)]);
}

async function renderVisitor(profile, recommendations) {
  replace(profile, h('h2', {}, 'A new visitor'),
    h('p', {}, 'No history yet, so every model falls back to what is popular (cold start). ',
      'Pick a user id to record events and watch the list change.'));
  replace(recommendations, h('h2', {}, 'Popular now'), loading('the popular shoes'));
  try {
    const answer = await api('/popular', { query: { k: 10 } });
    replace(recommendations, h('h2', {}, 'Popular now'), itemList(answer.items, null));
  } catch (error) {
    replace(recommendations, h('h2', {}, 'Popular now'), errorMessage(error));
  }
}

async function loadProfile(panel, state) {
  replace(panel, h('h2', {}, `User ${state.user}`), loading('the profile'));
  try {
    const user = await api(`/users/${state.user}`);
    const events = user.history || [];
    replace(panel,
      h('h2', {}, `User ${user.user_id}`),
      h('dl', { class: 'facts' },
        h('dt', {}, 'Age'), h('dd', {}, user.age),
        h('dt', {}, 'Gender'), h('dd', {}, user.gender),
        h('dt', {}, 'Mostly for'), h('dd', {}, user.primary_usage)),
      h('h3', {}, 'Timeline'),
      events.length ? h('ol', { class: 'timeline', 'aria-label': 'Latest events, newest first' },
        events.slice(0, 30).map((event) => h('li', { class: `event ${event.interaction_type}`, dataset: { shoe: event.shoe_id } },
          h('span', { class: 'event-kind' }, EVENT_LABELS[event.interaction_type] || event.interaction_type), ' ',
          h('a', { href: `#/shoes/${event.shoe_id}`, dataset: { shoeLink: event.shoe_id } }, `shoe ${event.shoe_id}`), ' ',
          h('time', { datetime: event.occurred_at }, dateTime(event.occurred_at)))))
        : empty('No events yet.'),
      events.length > 30 ? h('p', { class: 'hint' }, `and ${events.length - 30} earlier events`) : null);
    nameTimeline(panel);
  } catch (error) {
    replace(panel, h('h2', {}, `User ${state.user}`), errorMessage(error));
  }
}

/** Shoe names for the timeline's links, fetched once per shoe (the catalogue is in the service's memory). */
const shoeNames = new Map();
async function nameTimeline(panel) {
  const links = [...panel.querySelectorAll('.timeline a[data-shoe-link]')];
  for (const id of new Set(links.map((link) => link.dataset.shoeLink))) {
    if (!shoeNames.has(id)) shoeNames.set(id, api(`/shoes/${id}`).then(shoeName, () => null));
  }
  for (const link of links) {
    const name = await shoeNames.get(link.dataset.shoeLink);
    if (name) link.textContent = name;
  }
}

async function loadRecommendations(panel, profile, state) {
  const heading = h('h2', {}, 'Recommended');
  const reload = () => loadRecommendations(panel, profile, state);
  const switcher = h('div', {}, modelSwitch(state, reload), filterBar(state, reload));
  if (!panel.querySelector('.model-switch')) replace(panel, heading, switcher, loading('the recommendations'));
  try {
    const query = { k: 10, model: state.model, ...(state.filters || {}) };
    const answer = await api(`/users/${state.user}/recommendations`, { query });
    const notes = [
      h('span', { class: 'badge' }, `model ${answer.model}`),
      h('span', { class: 'badge subtle' }, `version ${answer.model_version}`),
      answer.cold_start ? h('span', { class: 'badge warn' }, 'cold start: popular shoes') : null,
      answer.experiment ? h('span', { class: 'badge experiment' }, `experiment ${answer.experiment.name}, arm ${answer.experiment.arm}`) : null,
    ];
    const act = (item, kind, slot) => record(state, item, kind, answer.recommendation_id, slot, panel, profile);
    const flash = state.flash ? h('p', { class: 'note success', role: 'status' }, state.flash) : null;
    state.flash = null;
    const filtered = Object.keys(state.filters || {}).length > 0;
    replace(panel, heading, switcher, flash, h('p', { class: 'badges' }, notes), itemListOrNone(answer.items, act, filtered));
  } catch (error) {
    replace(panel, heading, switcher, errorMessage(error));
  }
}

function modelSwitch(state, reload) {
  const group = h('fieldset', { class: 'model-switch' }, h('legend', {}, 'Model'));
  const models = servedModels.includes(state.model) ? servedModels : [...servedModels, state.model];
  for (const name of models) {
    const radio = h('input', { type: 'radio', name: 'model', value: name, checked: name === state.model, id: `model-${name}` });
    radio.addEventListener('change', () => {
      state.model = name;
      history.replaceState(null, '', `#/users/${state.user}${name === 'hybrid' ? '' : `?model=${name}`}`);
      reload();
    });
    group.append(h('span', { class: 'choice' }, radio, h('label', { for: radio.id }, name)));
  }
  return group;
}

/** The storefront's filters (type, brand, price band, diversity, hide viewed): the API filters before it cuts the ten. */
function filterBar(state, reload) {
  const filters = state.filters || {};
  const input = (name, attributes) => h('input', { name, value: filters[name] ?? '', ...attributes });
  const fields = {
    type: input('type', { type: 'text', placeholder: 'running', list: 'shoe-types' }),
    brand: input('brand', { type: 'text', placeholder: 'any brand' }),
    min_price: input('min_price', { type: 'number', min: 0, step: '0.01', inputmode: 'decimal' }),
    max_price: input('max_price', { type: 'number', min: 0, step: '0.01', inputmode: 'decimal' }),
    max_per_brand: input('max_per_brand', { type: 'number', min: 1, max: 100, step: 1 }),
  };
  const hideViewed = h('input', { type: 'checkbox', name: 'exclude_interacted', value: 'view', checked: filters.exclude_interacted === 'view' });
  const types = h('datalist', { id: 'shoe-types' },
    ['running', 'trail running', 'hiking boot', 'sneaker', 'casual', 'loafer', 'oxford', 'sandal', 'boot'].map((t) => h('option', { value: t })));
  const form = h('form', { class: 'filter-bar inline-form', 'aria-label': 'Filter the recommendations' },
    field('Type', fields.type), types, field('Brand', fields.brand), field('Min price', fields.min_price),
    field('Max price', fields.max_price), field('At most per brand', fields.max_per_brand),
    h('label', { class: 'choice' }, hideViewed, ' hide viewed'),
    h('button', { type: 'submit' }, 'Filter'),
    h('button', { type: 'button', class: 'secondary', dataset: { action: 'clear-filters' }, onclick: () => { state.filters = {}; reload(); } }, 'Clear'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    state.filters = {};
    for (const [name, element] of Object.entries(fields)) if (element.value.trim()) state.filters[name] = element.value.trim();
    if (hideViewed.checked) state.filters.exclude_interacted = 'view';
    reload();
  });
  return form;
}

function itemList(items, act) {
  if (!items || !items.length) return empty('Nothing to recommend.');
  return h('ol', { class: 'items' }, items.map((item) => itemCard(item, act)));
}

function itemListOrNone(items, act, filtered) {
  if (!items || !items.length) return empty(filtered ? 'No shoe passes these filters.' : 'Nothing to recommend.');
  return itemList(items, act);
}

function itemCard(item, act) {
  const why = item.explanation || {};
  const slot = messageSlot();
  const buttons = act ? h('div', { class: 'actions', role: 'group', 'aria-label': `Record an event on ${item.brand} ${item.model}` },
    h('button', { type: 'button', class: 'secondary', dataset: { action: 'view' }, onclick: () => act(item, 'view', slot) }, 'View'),
    h('button', { type: 'button', class: 'secondary', dataset: { action: 'add_to_wishlist' }, onclick: () => act(item, 'add_to_wishlist', slot) }, 'Wishlist'),
    h('button', { type: 'button', dataset: { action: 'purchase' }, onclick: () => act(item, 'purchase', slot) }, 'Buy')) : null;
  return h('li', { class: 'item', dataset: { shoe: item.shoe_id } },
    h('div', { class: 'item-head' },
      h('strong', {}, shoeLink(item)),
      h('span', { class: 'price' }, money(item.price))),
    h('div', { class: 'item-meta' }, item.type, ' · score ', number(item.score)),
    h('div', { class: 'why' },
      why.svd !== undefined ? h('span', { class: 'part' }, 'svd ', shareBar('svd', why.svd), ' ', number(why.svd, 2)) : null,
      why.content !== undefined ? h('span', { class: 'part' }, 'content ', shareBar('content', why.content), ' ', number(why.content, 2)) : null,
      why.because_you_bought ? h('span', { class: 'because' }, 'because you bought ', shoeLink(why.because_you_bought),
        ` (similarity ${number(why.because_you_bought.similarity, 2)})`) : null,
      !why.svd && !why.content && !why.because_you_bought ? h('span', { class: 'hint' }, `why: ${why.reason || 'ranked by the model'}`) : null),
    buttons, slot);
}

async function record(state, item, kind, recommendationID, slot, panel, profile) {
  const event = { user_id: state.user, shoe_id: item.shoe_id, interaction_type: kind };
  if (recommendationID) event.recommendation_id = recommendationID;
  for (const button of slot.parentElement.querySelectorAll('button')) button.disabled = true;
  slot.note('Recording…');
  try {
    await api('/interactions', { method: 'POST', body: event });
    state.flash = `Recorded: ${EVENT_LABELS[kind].toLowerCase()} ${item.brand} ${item.model}. The list below is the service's new answer.`;
    await Promise.all([loadRecommendations(panel, profile, state), loadProfile(profile, state)]);
    document.body.dataset.lastEvent = `${kind}:${item.shoe_id}`;
  } catch (error) {
    for (const button of slot.parentElement.querySelectorAll('button')) button.disabled = false;
    slot.show(error);
  }
}
