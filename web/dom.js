// Small helpers to build the DOM without innerHTML (text is always text: no injection), and
// the page's shared states: loading, empty, error.

/**
 * Creates an element: h('button', {class: 'x', onclick: f}, 'text', child).
 * Attributes starting with "on" become listeners; `false`/`null` attributes are skipped.
 */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value === false || value === null || value === undefined) continue;
    if (name.startsWith('on') && typeof value === 'function') element.addEventListener(name.slice(2), value);
    else if (name === 'dataset') Object.assign(element.dataset, value);
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces every child of `element`. */
export function replace(element, ...children) {
  element.replaceChildren();
  append(element, children);
  return element;
}

export const loading = (what) => h('p', { class: 'loading', role: 'status' }, `Loading ${what}…`);
export const empty = (text) => h('p', { class: 'empty' }, text);

/** An error message placed next to what caused it; screen readers announce it. */
export function errorMessage(error) {
  return h('p', { class: 'error', role: 'alert' }, error && error.message ? error.message : String(error));
}

/** A region that shows one message at a time (an error, or a note), next to its control. */
export function messageSlot() {
  const slot = h('div', { class: 'message-slot', 'aria-live': 'polite' });
  slot.show = (error) => replace(slot, errorMessage(error));
  slot.note = (text) => replace(slot, h('p', { class: 'note', role: 'status' }, text));
  slot.clear = () => replace(slot);
  return slot;
}

/** A labelled form control: label and input tied by id. */
let nextID = 0;
export function field(labelText, control, hint) {
  const id = control.id || `field-${++nextID}`;
  control.id = id;
  const hintElement = hint ? h('small', { id: `${id}-hint`, class: 'hint' }, hint) : null;
  if (hintElement) control.setAttribute('aria-describedby', hintElement.id);
  return h('div', { class: 'field' }, h('label', { for: id }, labelText), control, hintElement);
}

export const money = (value) =>
  typeof value === 'number' ? value.toLocaleString('en-US', { style: 'currency', currency: 'USD' }) : '';
export const number = (value, digits = 3) => (typeof value === 'number' ? value.toFixed(digits) : '–');
export const day = (iso) => (iso ? String(iso).slice(0, 10) : '');
export const dateTime = (iso) => (iso ? String(iso).replace('T', ' ').replace(/\.\d+Z$|Z$/, ' UTC') : '');
export const shoeName = (shoe) => `${shoe.brand} ${shoe.model}`;
export const shoeLink = (shoe) => h('a', { href: `#/shoes/${shoe.shoe_id}` }, shoeName(shoe));

/** Today in UTC as YYYY-MM-DD, the API's `as_of` format. */
export const today = () => new Date().toISOString().slice(0, 10);
