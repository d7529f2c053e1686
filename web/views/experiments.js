// Experiments (#/experiments): create, list, stop, and read a report, through the admin
// experiments API (POST/GET /admin/experiments, POST .../{name}/stop, GET .../{name}/report).
// The report shows per arm its counts, metrics with the fixed-horizon interval and the
// always-valid confidence sequence, latency, the sample-ratio check and the verdict. A service
// without that API answers 404, and the view says so.
import { api } from '../api.js';
import { adminToken, tokenForm, askAgain } from '../admin.js';
import { h, replace, loading, empty, errorMessage, messageSlot, field, number } from '../dom.js';
import { intervals } from '../chart.js';

const METRICS = { ctr: 'CTR per list', conversion: 'Conversion per exposed user', revenue_per_user: 'Revenue per exposed user' };
const PURPOSE = 'Reading the experiments';
const MODELS = ['hybrid', 'svd', 'content', 'popularity', 'ease', 'ials', 'segment'];

export function render(main) {
  const content = h('div', { class: 'experiments-body' });
  replace(main, h('h1', {}, 'Experiments'), content);
  const start = (token, slot) => loadList(content, token, slot);
  if (adminToken()) start(adminToken());
  else replace(content, tokenForm(start, PURPOSE));
}

const unavailable = () => h('p', { class: 'empty unavailable', role: 'status' },
  'Experiments are not available on this service yet (GET /admin/experiments answered 404: ',
  'this version has no experiments API, or its admin endpoints are off).');

async function loadList(content, token, tokenSlot) {
  if (!tokenSlot) replace(content, loading('the experiments'));
  let answer;
  try {
    answer = await api('/admin/experiments', { token });
  } catch (error) {
    if (error.status === 404) replace(content, unavailable());
    else if (error.status === 401) askAgain(content, error, (again, slot) => loadList(content, again, slot), PURPOSE);
    else if (tokenSlot) tokenSlot.show(error);
    else replace(content, errorMessage(error));
    return;
  }
  const list = Array.isArray(answer) ? answer : answer.items || answer.experiments || [];
  const report = h('section', { class: 'panel report', 'aria-label': 'Report', hidden: true });
  const reload = () => loadList(content, token);
  replace(content,
    h('section', { class: 'panel experiment-list', 'aria-labelledby': 'experiments-title' },
      h('h2', { id: 'experiments-title' }, 'Experiments'),
      list.length ? h('ul', { class: 'experiments' }, list.map((experiment) => experimentRow(experiment, token, report, reload)))
        : empty('No experiment yet; create one below.')),
    report,
    createForm(token, reload));
}

function experimentRow(experiment, token, report, reload) {
  const slot = messageSlot();
  const arms = (experiment.arms || []).map((a) => `${a.name}: ${a.model}${a.version ? ` @${a.version}` : ''} (${a.weight})`).join(', ');
  const stop = experiment.status === 'running'
    ? h('button', { type: 'button', class: 'secondary', onclick: async () => {
      try { await api(`/admin/experiments/${encodeURIComponent(experiment.name)}/stop`, { method: 'POST', token }); reload(); } catch (error) { slot.show(error); }
    } }, 'Stop') : null;
  return h('li', { dataset: { experiment: experiment.name } },
    h('strong', {}, experiment.name), ' ', h('span', { class: 'badge' }, experiment.status || 'unknown'),
    experiment.traffic !== undefined ? ` · ${experiment.traffic} % of users` : '', arms ? ` · ${arms}` : '', ' ',
    h('button', { type: 'button', class: 'secondary', onclick: () => showReport(report, experiment.name, token) }, 'Report'), ' ', stop, slot);
}

async function showReport(panel, name, token) {
  panel.hidden = false;
  replace(panel, h('h2', {}, `Report: ${name}`), loading('the report'));
  try {
    const report = await api(`/admin/experiments/${encodeURIComponent(name)}/report`, { token });
    const arms = report.arms || [];
    const charts = Object.entries(METRICS).map(([key, label]) => h('figure', {},
      h('figcaption', {}, `${label}: difference against control, 95 % interval (thick) and always-valid sequence (thin)`),
      intervals({
        label: `${label} difference per arm`,
        rows: arms.filter((arm) => arm.metrics && arm.metrics[key] && arm.metrics[key].difference !== null)
          .map((arm) => ({ label: arm.name, value: arm.metrics[key].difference, ci: arm.metrics[key].ci95, cs: arm.metrics[key].cs95 })),
      })));
    const srm = report.srm || {};
    replace(panel,
      h('h2', {}, `Report: ${report.name} (${report.status})`),
      h('p', { class: 'verdict' }, report.verdict || 'No verdict.'),
      h('p', { class: srm.flagged ? 'error srm' : 'note srm' },
        `Sample-ratio check: p = ${number(srm.p_value, 4)}${srm.flagged ? ', flagged: the split does not match the weights, do not trust the metrics.' : ', no mismatch.'}`),
      h('div', { class: 'table-wrap' }, h('table', {},
        h('thead', {}, h('tr', {}, ['Arm', 'Model', 'Weight', 'Assigned', 'Exposed', 'Lists', 'Views', 'Wishlists', 'Purchases',
          ...Object.values(METRICS), 'Latency p50 / p99 (ms)'].map((c) => h('th', { scope: 'col' }, c)))),
        h('tbody', {}, arms.map((arm) => h('tr', {},
          h('th', { scope: 'row' }, arm.name), h('td', {}, arm.model), h('td', {}, arm.weight),
          [arm.users_assigned, arm.users_exposed, arm.lists, arm.views, arm.wishlists, arm.purchases].map((v) => h('td', {}, v ?? '–')),
          Object.keys(METRICS).map((key) => h('td', { dataset: { metric: key } }, metricText(arm.metrics && arm.metrics[key]))),
          h('td', {}, latencyText(arm.latency_ms))))))),
      charts);
  } catch (error) {
    replace(panel, h('h2', {}, `Report: ${name}`), errorMessage(error));
  }
}

function metricText(metric) {
  if (!metric) return '–';
  if (metric.difference === null || metric.difference === undefined) return number(metric.value, 4);
  let against = `Δ ${number(metric.difference, 4)}`;
  if (Array.isArray(metric.ci95)) against += `, 95 % [${number(metric.ci95[0], 4)}, ${number(metric.ci95[1], 4)}]`;
  if (Array.isArray(metric.cs95)) against += `, always-valid [${number(metric.cs95[0], 4)}, ${number(metric.cs95[1], 4)}]`;
  if (metric.p_value !== null && metric.p_value !== undefined) against += `, p ${number(metric.p_value, 3)}`;
  return [number(metric.value, 4), h('br'), h('small', { class: 'hint' }, against)];
}

function latencyText(latency) {
  if (!latency || latency.p50 === null || latency.p50 === undefined) return '–';
  return `${number(latency.p50, 2)} / ${number(latency.p99, 2)}`;
}

function createForm(token, reload) {
  const name = h('input', { name: 'name', required: true, maxlength: 100, value: 'ease-vs-hybrid', autocomplete: 'off' });
  const traffic = h('input', { name: 'traffic', type: 'number', min: 1, max: 100, value: 100, required: true });
  const arm = (armName, model) => {
    const nameInput = h('input', { name: 'arm-name', required: true, value: armName, autocomplete: 'off' });
    const modelSelect = h('select', { name: 'arm-model' }, MODELS.map((m) => h('option', { value: m, selected: m === model }, m)));
    const weight = h('input', { name: 'arm-weight', type: 'number', min: 1, value: 50, required: true });
    return { nameInput, modelSelect, weight,
      element: h('fieldset', { class: 'arm' }, h('legend', {}, `Arm ${armName}`),
        field('Name', nameInput), field('Model', modelSelect), field('Weight', weight)) };
  };
  const arms = [arm('control', 'hybrid'), arm('treatment', 'ease')];
  const slot = messageSlot();
  const form = h('form', { class: 'panel new-experiment', 'aria-labelledby': 'new-experiment-title' },
    h('h2', { id: 'new-experiment-title' }, 'Create an experiment'),
    h('div', { class: 'grid' }, field('Name', name), field('Traffic (% of users)', traffic)),
    h('div', { class: 'arms' }, arms.map((a) => a.element)),
    h('button', { type: 'submit' }, 'Create'), slot);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const body = {
      name: name.value.trim(), traffic: Number(traffic.value),
      arms: arms.map((a) => ({ name: a.nameInput.value.trim(), model: a.modelSelect.value, weight: Number(a.weight.value) })),
    };
    try {
      await api('/admin/experiments', { method: 'POST', token, body });
      reload();
    } catch (error) {
      slot.show(error);
    }
  });
  return form;
}
