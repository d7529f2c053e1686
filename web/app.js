// The demo page's entry: a hash router over the views. Each view renders into <main> and may
// return a function that stops what it started (polling) when another view takes over.
import { h, replace, errorMessage } from './dom.js';
import * as shopper from './views/shopper.js';
import * as shoe from './views/shoe.js';
import * as marketing from './views/marketing.js';
import * as models from './views/models.js';
import * as experiments from './views/experiments.js';

const views = { users: shopper, shoes: shoe, marketing, models, experiments };
const main = document.getElementById('main');
let stopCurrent = null;
let firstRoute = true;

/** '#/users/42?model=ease' → {name: 'users', id: '42', query: URLSearchParams} */
function parseHash(hash) {
  const [path, queryText = ''] = hash.replace(/^#\/?/, '').split('?');
  const [name = '', id = ''] = path.split('/');
  return { name, id: decodeURIComponent(id), query: new URLSearchParams(queryText) };
}

async function route() {
  if (!location.hash || location.hash === '#' || location.hash === '#/') {
    location.replace('#/users/42');
    return;
  }
  const target = parseHash(location.hash);
  if (stopCurrent) stopCurrent();
  stopCurrent = null;
  for (const link of document.querySelectorAll('nav a[data-view]')) {
    if (link.dataset.view === target.name) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  const view = views[target.name];
  main.dataset.view = target.name;
  if (!view) {
    replace(main, h('h1', {}, 'No such view'),
      h('p', {}, 'Try ', h('a', { href: '#/users/42' }, 'the shopper view'), '.'));
    return;
  }
  try {
    const stop = await view.render(main, target);
    stopCurrent = typeof stop === 'function' ? stop : null;
  } catch (error) {
    main.append(errorMessage(error));
  }
  if (firstRoute) performance.mark('first-view-ready'); // how long the first view took, for the browser tests
  else main.focus({ preventScroll: true });
  firstRoute = false;
}

// The skip link moves focus without touching the hash, which is the router's.
document.querySelector('.skip').addEventListener('click', (event) => {
  event.preventDefault();
  main.focus();
});
window.addEventListener('hashchange', route);
route();
