// Shoe (#/shoes/{id}): details, care, lifespan and the shoes most similar in content; and a form
// that adds a shoe through POST /shoes, then shows it reachable through content at once.
import { api } from '../api.js';
import { h, replace, loading, empty, errorMessage, messageSlot, field, money, number, shoeLink, shoeName } from '../dom.js';

export async function render(main, { id, query }) {
  const input = h('input', { type: 'number', name: 'shoe', min: 1, max: 2147483647, required: true, value: id });
  const finder = h('form', { class: 'inline-form', 'aria-label': 'Find a shoe' },
    field('Shoe id', input), h('button', { type: 'submit' }, 'Show'));
  finder.addEventListener('submit', (event) => {
    event.preventDefault();
    location.hash = `#/shoes/${encodeURIComponent(input.value)}`;
  });
  const details = h('section', { class: 'panel shoe-details', 'aria-label': 'Shoe' });
  const similar = h('section', { class: 'panel similar', 'aria-label': 'Similar shoes' });
  const reach = h('section', { class: 'panel reach', 'aria-label': 'Reachable through content', hidden: true });
  replace(main, h('h1', {}, 'Shoe'), finder, reach, h('div', { class: 'columns' }, details, similar), newShoeForm());

  if (!id) {
    replace(details, empty('Choose a shoe by id, or add one below.'));
    similar.hidden = true;
    return;
  }
  if (!/^[1-9]\d{0,9}$/.test(id)) {
    replace(details, errorMessage('A shoe id is a positive whole number.'));
    similar.hidden = true;
    return;
  }
  await Promise.all([
    loadDetails(details, id),
    loadSimilar(similar, id),
    query.get('added') ? showReach(reach, Number(id)) : null,
  ]);
}

async function loadDetails(panel, id) {
  replace(panel, loading('the shoe'));
  try {
    const shoe = await api(`/shoes/${id}`);
    replace(panel,
      h('h2', {}, shoeName(shoe)),
      h('dl', { class: 'facts' },
        h('dt', {}, 'Type'), h('dd', {}, shoe.type),
        h('dt', {}, 'Material'), h('dd', {}, shoe.material),
        h('dt', {}, 'Colour'), h('dd', {}, shoe.color),
        h('dt', {}, 'Price'), h('dd', {}, money(shoe.price)),
        h('dt', {}, 'Lifespan'), h('dd', { class: 'lifespan' }, `${shoe.lifespan_days} days (about ${Math.round(shoe.lifespan_days / 30.4)} months)`)),
      h('h3', {}, 'Care'),
      h('p', { class: 'care' }, shoe.care_instructions || 'No care instructions.'));
  } catch (error) {
    replace(panel, errorMessage(error));
  }
}

async function loadSimilar(panel, id) {
  replace(panel, h('h2', {}, 'Similar in content'), loading('similar shoes'));
  try {
    const answer = await api(`/shoes/${id}/similar`, { query: { k: 6 } });
    replace(panel, h('h2', {}, 'Similar in content'), similarList(answer.items));
  } catch (error) {
    replace(panel, h('h2', {}, 'Similar in content'), errorMessage(error));
  }
}

function similarList(items, highlight) {
  if (!items.length) return empty('No similar shoes.');
  return h('ol', { class: 'similar-list' }, items.map((item) =>
    h('li', { dataset: { shoe: item.shoe_id }, class: item.shoe_id === highlight ? 'highlight' : null },
      shoeLink(item), ` · ${item.type} · ${money(item.price)} · similarity ${number(item.score, 2)}`,
      item.shoe_id === highlight ? h('span', { class: 'badge' }, 'new') : null)));
}

/**
 * Cold start, seen: among the new shoe's nearest neighbours, the first whose own similar shoes
 * now include the new one (shoppers looking at it are shown the new shoe, with no retrain).
 */
async function showReach(panel, id) {
  panel.hidden = false;
  const title = h('h2', {}, 'The new shoe, reachable through content');
  replace(panel, title, loading('its neighbours'));
  try {
    const own = await api(`/shoes/${id}/similar`, { query: { k: 3 } });
    const lists = await Promise.all(own.items.map((n) => api(`/shoes/${n.shoe_id}/similar`, { query: { k: 10 } })));
    const index = lists.findIndex((list) => list.items.some((item) => item.shoe_id === id));
    panel.dataset.found = String(index >= 0);
    if (index < 0) {
      replace(panel, title, empty('None of its nearest neighbours lists it among their 10 most similar shoes yet.'));
      return;
    }
    replace(panel, title,
      h('p', {}, 'Shoppers who look at ', shoeLink(own.items[index]), ' are now shown the new shoe, with no retrain:'),
      similarList(lists[index].items, id));
  } catch (error) {
    replace(panel, title, errorMessage(error));
  }
}

function newShoeForm() {
  const inputs = {
    brand: h('input', { name: 'brand', required: true, maxlength: 200, autocomplete: 'off' }),
    model: h('input', { name: 'model', required: true, maxlength: 200, autocomplete: 'off' }),
    type: h('input', { name: 'type', required: true, maxlength: 200, list: 'shoe-types', autocomplete: 'off' }),
    material: h('input', { name: 'material', required: true, maxlength: 200, autocomplete: 'off' }),
    color: h('input', { name: 'color', required: true, maxlength: 200, autocomplete: 'off' }),
    price: h('input', { name: 'price', type: 'number', required: true, step: '0.01' }),
    lifespan_days: h('input', { name: 'lifespan_days', type: 'number', required: true, step: 1 }),
    care_instructions: h('textarea', { name: 'care_instructions', rows: 2, maxlength: 2000 }),
  };
  const types = h('datalist', { id: 'shoe-types' },
    ['running', 'trail running', 'hiking boot', 'sneaker', 'casual', 'dress', 'sandal'].map((t) => h('option', { value: t })));
  const slot = messageSlot();
  const submit = h('button', { type: 'submit' }, 'Add the shoe');
  const form = h('form', { class: 'panel new-shoe', 'aria-labelledby': 'new-shoe-title' },
    h('h2', { id: 'new-shoe-title' }, 'Add a shoe'),
    h('div', { class: 'grid' },
      field('Brand', inputs.brand), field('Model', inputs.model), field('Type', inputs.type), field('Material', inputs.material),
      field('Colour', inputs.color), field('Price (USD)', inputs.price), field('Lifespan (days)', inputs.lifespan_days)),
    field('Care instructions', inputs.care_instructions),
    types, submit, slot);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const shoe = {};
    for (const [name, input] of Object.entries(inputs)) shoe[name] = input.value;
    shoe.price = Number(shoe.price);
    shoe.lifespan_days = Number(shoe.lifespan_days);
    submit.disabled = true;
    slot.note('Adding…');
    try {
      const created = await api('/shoes', { method: 'POST', body: shoe });
      location.hash = `#/shoes/${created.shoe_id}?added=1`;
    } catch (error) {
      slot.show(error);
    } finally {
      submit.disabled = false;
    }
  });
  return form;
}
