// Models (#/models): the trained versions from /admin/models with their offline figures as a
// chart, and a retrain button that follows the training until the new version is live.
import { api } from '../api.js';
import { adminToken, tokenForm, askAgain } from '../admin.js';
import { h, replace, loading, empty, errorMessage, messageSlot, number, dateTime } from '../dom.js';
import { groupedBars } from '../chart.js';

const FIGURES = ['hr@10', 'ndcg@10', 'coverage@10'];
const PURPOSE = 'Reading the model versions';

export function render(main) {
  const timers = new Set();
  const stop = () => { for (const timer of timers) clearTimeout(timer); timers.clear(); };
  const later = (ms, work) => { const t = setTimeout(() => { timers.delete(t); work(); }, ms); timers.add(t); };
  const content = h('div', { class: 'models-body' });
  replace(main, h('h1', {}, 'Models'), content);

  const start = (token, slot) => load(content, token, later, slot);
  if (adminToken()) start(adminToken());
  else replace(content, tokenForm(start, PURPOSE));
  return stop;
}

async function load(content, token, later, tokenSlot) {
  if (!tokenSlot) replace(content, loading('the model versions'));
  let answer;
  try {
    answer = await api('/admin/models', { token });
  } catch (error) {
    const retry = (again, slot) => load(content, again, later, slot);
    if (error.status === 401) askAgain(content, error, retry, PURPOSE);
    else if (error.status === 404) replace(content, errorMessage('The admin endpoints are off on this service (ADMIN_TOKEN is unset).'));
    else if (tokenSlot) tokenSlot.show(error);
    else replace(content, errorMessage(error));
    return;
  }
  const chartPanel = h('section', { class: 'panel figures', 'aria-labelledby': 'figures-title' });
  const retrainSlot = messageSlot();
  const progress = h('div', { class: 'progress', hidden: true });
  const retrain = h('button', { type: 'button' }, 'Retrain now');
  retrain.addEventListener('click', () => startTraining(token, answer.current, retrain, progress, retrainSlot, content, later));
  replace(content,
    h('section', { class: 'panel live' },
      h('p', {}, 'Serving version ', h('strong', { class: 'current-version' }, answer.current || 'none yet'),
        answer.training_in_progress ? h('span', { class: 'badge warn' }, 'a training is running') : null),
      answer.last_training_error ? errorMessage(`The last training failed: ${answer.last_training_error}`) : null,
      retrain, progress, retrainSlot),
    chartPanel,
    versionsTable(answer.items, (version) => drawFigures(chartPanel, version)));
  const shown = answer.items[0];
  drawFigures(chartPanel, shown);
  if (shown && !Object.keys(shown.evaluation || {}).length) later(2000, () => refreshFigures(chartPanel, token, shown.version, later, 150));
}

function versionsTable(items, choose) {
  if (!items.length) return empty('No version trained yet.');
  return h('section', { class: 'panel versions', 'aria-labelledby': 'versions-title' },
    h('h2', { id: 'versions-title' }, 'Versions, newest first'),
    h('div', { class: 'table-wrap' }, h('table', {},
      h('thead', {}, h('tr', {}, ['Version', 'Trained at', 'Seconds', 'Events', 'Users', 'Models', ''].map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, items.map((item) => h('tr', { dataset: { version: item.version } },
        h('td', { 'data-label': 'Version' }, item.version),
        h('td', { 'data-label': 'Trained at' }, dateTime(item.trained_at)),
        h('td', { 'data-label': 'Seconds' }, number(item.training_seconds, 1)),
        h('td', { 'data-label': 'Events' }, item.events.toLocaleString('en-US')),
        h('td', { 'data-label': 'Users' }, item.users.toLocaleString('en-US')),
        h('td', { 'data-label': 'Models' }, item.models.join(', ')),
        h('td', {}, h('button', { type: 'button', class: 'secondary', onclick: () => choose(item) }, 'Chart'))))))));
}

function drawFigures(panel, version) {
  const title = h('h2', { id: 'figures-title' }, 'Offline figures (leave-last-out, K = 10)');
  if (!version) { replace(panel, title, empty('No version yet.')); return; }
  const evaluation = version.evaluation || {};
  const names = Object.keys(evaluation).sort();
  if (!names.length) {
    replace(panel, title, h('p', { class: 'loading', role: 'status' },
      `Version ${version.version}: the offline evaluation runs in the background after each training; its figures appear here when it finishes.`));
    return;
  }
  const chart = groupedBars({
    groups: names.map((name) => ({ label: name, values: FIGURES.map((f) => evaluation[name][f] ?? 0) })),
    series: FIGURES, label: `Offline HR@10, NDCG@10 and coverage@10 of version ${version.version}`,
  });
  const rows = names.map((name) => h('tr', {}, h('th', { scope: 'row' }, name), FIGURES.map((f) => h('td', {}, number(evaluation[name][f])))));
  replace(panel, title, h('p', { class: 'hint' }, `Version ${version.version}`), h('div', { class: 'chart-wrap' }, chart),
    h('details', {}, h('summary', {}, 'The figures as a table'),
      h('table', {}, h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'model'), FIGURES.map((f) => h('th', { scope: 'col' }, f)))), h('tbody', {}, rows))));
}

async function refreshFigures(panel, token, version, later, triesLeft) {
  try {
    const answer = await api('/admin/models', { token });
    const item = answer.items.find((i) => i.version === version);
    if (item && Object.keys(item.evaluation || {}).length) { drawFigures(panel, item); return; }
  } catch (error) {
    replace(panel, errorMessage(error));
    return;
  }
  if (triesLeft > 0) later(2000, () => refreshFigures(panel, token, version, later, triesLeft - 1));
}

async function startTraining(token, before, button, progress, slot, content, later) {
  button.disabled = true;
  slot.clear();
  try {
    await api('/admin/train', { method: 'POST', token });
  } catch (error) {
    button.disabled = false;
    slot.show(error);
    return;
  }
  const started = Date.now();
  const bar = h('progress', { 'aria-label': 'Training progress' });
  const text = h('span', { role: 'status' }, 'Training started…');
  progress.hidden = false;
  replace(progress, bar, ' ', text);
  const poll = async () => {
    let answer;
    try {
      answer = await api('/admin/models', { token });
    } catch (error) {
      button.disabled = false;
      slot.show(error);
      return;
    }
    const seconds = Math.round((Date.now() - started) / 1000);
    if (!answer.training_in_progress && answer.current && answer.current !== before) {
      await load(content, token, later);
      const live = content.querySelector('.live');
      if (live) live.append(h('p', { class: 'note success', role: 'status' }, `Version ${answer.current} is live (trained in about ${seconds} s).`));
      return;
    }
    if (!answer.training_in_progress && answer.last_training_error) {
      button.disabled = false;
      progress.hidden = true;
      slot.show(new Error(`The training failed: ${answer.last_training_error}`));
      return;
    }
    text.textContent = `Training… ${seconds} s`;
    later(1000, poll);
  };
  later(500, poll);
}
