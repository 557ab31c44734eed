// The coordinator's live dashboard: plain JavaScript over the admin API (/admin/...), with the
// browser's HTTP Basic credentials for this origin. Everything shown comes from the API and is
// written with textContent only: client ids and callback URLs are chosen by whoever starts or
// joins an LRA, and the LRA protocol is open to anyone.
'use strict';

// The API's root, without credentials: a page opened as http://user:pass@host/dashboard/ has
// them in location.href, and fetch refuses URLs that carry credentials.
const ROOT = location.origin + location.pathname.replace(/dashboard\/[^/]*$/, '');

// What an operator can do with an LRA, by its status (the admin API refuses the rest).
const RETRY = { name: 'retry', label: 'Retry now', method: 'POST' };
const FORGET = {
  name: 'forget', label: 'Forget', method: 'DELETE', danger: true,
  confirm: 'Forget LRA {uid}? Do this only after repairing its participants by hand; its end stays in the history.',
};
const ACTIONS = {
  Active: [
    { name: 'close', label: 'Close LRA', method: 'POST', confirm: 'Close LRA {uid}? Every participant is asked to complete.' },
    { name: 'cancel', label: 'Cancel LRA', method: 'POST', danger: true, confirm: 'Cancel LRA {uid}? Every participant is asked to compensate.' },
  ],
  Closing: [RETRY],
  Cancelling: [RETRY],
  FailedToClose: [FORGET],
  FailedToCancel: [FORGET],
};

const state = {
  summary: null,
  lras: [],
  selected: null, // { uid, source: 'running' | 'history' }
  timer: null,
  refreshSeconds: 5,
};

class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

async function api(path, method = 'GET') {
  const response = await fetch(ROOT + path, {
    method,
    credentials: 'same-origin',
    headers: { Accept: 'application/json' },
    cache: 'no-store',
  });
  const type = response.headers.get('Content-Type') || '';
  const body = type.includes('json') ? await response.json().catch(() => null) : null;
  if (!response.ok) {
    throw new ApiError(response.status, explain(response.status, body));
  }
  return body;
}

function explain(status, problem) {
  if (status === 401) {
    return 'Not signed in, or the credentials were refused (401). Reload the page to sign in again.';
  }
  if (status === 403 && !(problem && problem.detail)) {
    const who = state.summary ? state.summary.user : 'this user';
    return `Not allowed (403): ${who} does not have the operator role. Viewers can look but not act.`;
  }
  if (problem && problem.detail) {
    return `${problem.title || 'Refused'} (${status}): ${problem.detail}`;
  }
  return `The coordinator answered ${status}.`;
}

// ---------------------------------------------------------------- rendering helpers

function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') node.className = value;
    else if (key === 'text') node.textContent = value;
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

function statusCell(status, ...below) {
  return el('td', {}, el('span', { class: `status ${status || 'Unknown'}`, text: status || '—' }), ...below);
}

function ago(instant, now = Date.now()) {
  if (!instant) return '—';
  return human(now - Date.parse(instant)) + ' ago';
}

function human(millis) {
  const seconds = Math.max(0, Math.round(millis / 1000));
  if (seconds < 120) return `${seconds} s`;
  if (seconds < 7200) return `${Math.floor(seconds / 60)} min`;
  if (seconds < 172800) return `${Math.floor(seconds / 3600)} h`;
  return `${Math.floor(seconds / 86400)} d`;
}

function capitalized(word) {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

function time(instant) {
  return instant ? new Date(instant).toLocaleString() : '—';
}

function showMessage(text, kind) {
  const box = document.getElementById('message');
  box.textContent = text;
  box.className = kind;
  box.hidden = false;
}

function fillTable(id, rows) {
  const body = document.querySelector(`#${id} tbody`);
  body.replaceChildren(...rows);
  document.getElementById(id).hidden = rows.length === 0;
  document.getElementById(`${id}-empty`).hidden = rows.length !== 0;
}

// ---------------------------------------------------------------- the page

function renderCounts(summary) {
  const card = (status, n, bad) => el('div', {
    class: `card${n > 0 ? ' nonzero' : ''}${bad ? ' bad' : ''}`, 'data-status': status,
  }, el('div', { class: 'n', text: n }), el('div', { class: 'label', text: status }));
  document.getElementById('running-counts').replaceChildren(
    ...Object.entries(summary.running).map(([s, n]) => card(s, n, s.startsWith('FailedTo'))));
  document.getElementById('recent-counts').replaceChildren(
    ...Object.entries(summary.recent).map(([s, n]) => card(s, n, s.startsWith('FailedTo') || s === 'Unknown')));
  document.getElementById('recent-title').textContent = `Ended in the last ${human(summary.recentWindowSeconds * 1000)}`;
  document.getElementById('whoami').textContent = summary.operator
    ? `signed in as ${summary.user} (operator)` : `signed in as ${summary.user} (viewer: read-only)`;
  document.getElementById('stuck-rule').textContent = 'Failed LRAs, LRAs Closing or Cancelling for more than '
    + `${human(summary.stuckAfterSeconds * 1000)}, and Active LRAs past their time limit.`;
}

function actionButtons(uid, status) {
  return (ACTIONS[status] || []).map(action => el('button', {
    type: 'button',
    class: action.danger ? 'danger' : '',
    'data-action': action.name,
    'data-uid': uid,
    text: action.label,
    onclick: event => { event.stopPropagation(); act(uid, action); },
  }));
}

function renderStuck(summary) {
  const rows = summary.stuck.map(lra => el('tr', {
    class: `clickable ${lra.status.startsWith('FailedTo') ? 'failed' : 'stuck'}`,
    'data-uid': lra.uid,
    onclick: () => openDetail(lra.uid, 'running'),
  },
  el('td', { class: 'uid', text: lra.uid }),
  el('td', { text: lra.clientId || '—' }),
  statusCell(lra.status),
  el('td', { text: lra.reason }),
  el('td', {}, el('div', { class: 'actions' }, actionButtons(lra.uid, lra.status)))));
  document.getElementById('stuck-count').textContent = summary.stuck.length;
  fillTable('stuck', rows);
}

function renderRunning() {
  const stuck = new Set(state.summary.stuck.map(s => s.uid));
  const filter = document.getElementById('filter').value.trim().toLowerCase();
  const now = Date.now();
  const shown = state.lras.filter(lra => !filter
    || [lra.uid, lra.clientId, lra.status].some(v => v && v.toLowerCase().includes(filter)));
  const rows = shown.map(lra => el('tr', {
    class: ['clickable', stuck.has(lra.uid) ? (lra.status.startsWith('FailedTo') ? 'failed' : 'stuck') : '',
      state.selected && state.selected.uid === lra.uid ? 'selected' : ''].join(' '),
    'data-uid': lra.uid,
    'data-status': lra.status,
    onclick: () => openDetail(lra.uid, 'running'),
  },
  el('td', { class: 'uid', text: lra.uid }),
  el('td', { text: lra.clientId || '—' }),
  statusCell(lra.status),
  el('td', { title: time(lra.startTime), text: lra.startTime ? human(now - Date.parse(lra.startTime)) : '—' }),
  el('td', { class: 'participants', text: lra.participants < 0 ? 'busy' : lra.participants }),
  el('td', { text: lra.timeLimit ? time(lra.timeLimit) : 'none' })));
  document.getElementById('running-total').textContent = state.lras.length;
  fillTable('running', rows);
}

function renderRecent(page) {
  const rows = page.items.map(lra => el('tr', {
    class: `clickable${state.selected && state.selected.uid === lra.uid ? ' selected' : ''}`,
    'data-uid': lra.uid,
    'data-status': lra.status,
    onclick: () => openDetail(lra.uid, 'history'),
  },
  el('td', { class: 'uid', text: lra.uid }),
  el('td', { text: lra.clientId || '—' }),
  statusCell(lra.status),
  el('td', { title: time(lra.endTime), text: ago(lra.endTime) }),
  el('td', { text: lra.startTime && lra.endTime ? human(Date.parse(lra.endTime) - Date.parse(lra.startTime)) : '—' }),
  el('td', { text: lra.participants })));
  fillTable('recent', rows);
}

function transitionItems(transitions) {
  return (transitions || []).map(t =>
    el('li', {}, el('span', { class: `status ${t.status}`, text: t.status }), ` ${time(t.at)}`));
}

function renderDetail(lra, participants, transitions, running) {
  const fields = [
    ['uid', el('span', { class: 'uid', text: lra.uid })],
    ['LRA id', el('code', { text: lra.lraId })],
    ['client id', lra.clientId || '—'],
    ['status', el('span', { id: 'detail-status', class: `status ${lra.status}`, text: lra.status })],
    ['started', time(lra.startTime)],
    running ? ['time limit', lra.timeLimit ? time(lra.timeLimit) : 'none'] : ['ended', time(lra.endTime)],
    ['top level', lra.topLevel ? 'yes' : 'no'],
  ];
  if (lra.parentId) fields.push(['parent', el('code', { text: lra.parentId })]);
  if (lra.inferred) fields.push(['outcome', 'inferred from the store (a recovery pass finished it)']);
  const stuck = running && state.summary && state.summary.stuck.find(s => s.uid === lra.uid);
  if (stuck) fields.push(['needs attention', stuck.reason]);
  document.getElementById('detail-title').textContent = running ? 'Running LRA' : 'Ended LRA';
  document.getElementById('detail-fields').replaceChildren(
    ...fields.flatMap(([name, value]) => [el('dt', { text: name }), el('dd', {}, value)]));
  const buttons = running ? actionButtons(lra.uid, lra.status) : [];
  const readOnly = buttons.length > 0 && state.summary && !state.summary.operator
    ? el('span', { class: 'muted', text: 'read-only: these actions need the operator role' }) : null;
  document.getElementById('detail-actions').replaceChildren(...buttons, ...(readOnly ? [readOnly] : []));

  const callback = (name, url) => url ? el('div', {}, el('span', { text: name }), el('code', { text: url })) : null;
  fillTable('participants', (participants || []).map((p, i) => el('tr', { 'data-participant': i },
    el('td', { text: i + 1 }),
    el('td', { class: 'callbacks' },
      callback('compensate', p.compensate), callback('complete', p.complete), callback('status', p.status),
      callback('forget', p.forget), callback('after', p.after),
      p.compensate || p.complete ? null : callback('participant', p.participant)),
    statusCell(p.state, p.reason ? el('div', { class: 'reason', text: p.reason }) : null),
    el('td', {}, el('ul', { class: 'transitions' }, transitionItems(p.transitions))))));
  document.getElementById('transitions').replaceChildren(...transitionItems(transitions));
  document.getElementById('detail').hidden = false;
}

// ---------------------------------------------------------------- loading

async function loadDetail() {
  const { uid, source } = state.selected;
  if (source === 'running') {
    try {
      const detail = await api(`admin/lras/${encodeURIComponent(uid)}`);
      renderDetail(detail.lra, detail.participants, detail.transitions, true);
      return;
    } catch (e) {
      // it ended since the list was read: show how, from the history
      if (e.status !== 404) throw e;
      state.selected.source = 'history';
    }
  }
  const ended = await api(`admin/history/${encodeURIComponent(uid)}`);
  renderDetail(ended, ended.participants, ended.transitions, false);
}

async function refreshDetail() {
  try {
    await loadDetail();
  } catch (e) {
    if (e.status !== 404) throw e;
    showMessage(`LRA ${state.selected.uid} is neither running nor in the history.`, 'error');
    closeDetail();
  }
}

async function openDetail(uid, source) {
  state.selected = { uid, source };
  history.replaceState(null, '', `#lra=${encodeURIComponent(uid)}`);
  try {
    await loadDetail();
  } catch (e) {
    showMessage(e.message, 'error');
  }
  markSelected();
}

function markSelected() {
  document.querySelectorAll('tr[data-uid]').forEach(row => row.classList.toggle('selected',
    !!state.selected && row.dataset.uid === state.selected.uid && row.closest('#stuck') === null));
}

function closeDetail() {
  state.selected = null;
  history.replaceState(null, '', location.pathname);
  document.getElementById('detail').hidden = true;
  markSelected();
}

async function act(uid, action) {
  if (action.confirm && !window.confirm(action.confirm.replace('{uid}', uid))) {
    return;
  }
  try {
    const path = action.name === 'forget' ? `admin/lras/${encodeURIComponent(uid)}`
      : `admin/lras/${encodeURIComponent(uid)}/${action.name}`;
    const result = await api(path, action.method);
    showMessage(action.name === 'forget' ? `Forgot LRA ${uid}.`
      : `${capitalized(action.name)} of LRA ${uid} done: it is now ${result.status}.`, 'ok');
  } catch (e) {
    showMessage(`${capitalized(action.name)} of LRA ${uid} refused. ${e.message}`, 'error');
  }
  await refresh();
}

async function refresh() {
  try {
    const [summary, lras, ended] = await Promise.all([
      api('admin/summary'), api('admin/lras?size=500'), api('admin/history?size=20')]);
    state.summary = summary;
    state.lras = lras.items;
    state.refreshSeconds = summary.refreshSeconds;
    renderCounts(summary);
    renderStuck(summary);
    renderRunning();
    renderRecent(ended);
    if (state.selected) await refreshDetail();
    markSelected();
    const more = lras.total > lras.items.length ? ` (showing the newest ${lras.items.length} of ${lras.total})` : '';
    document.getElementById('updated').textContent = `updated ${new Date().toLocaleTimeString()}${more}`;
    document.body.dataset.loaded = 'true';
  } catch (e) {
    document.getElementById('updated').textContent = `update failed ${new Date().toLocaleTimeString()}`;
    showMessage(e.message, 'error');
  }
}

function schedule() {
  clearTimeout(state.timer);
  state.timer = setTimeout(async () => {
    if (document.getElementById('auto-refresh').checked) await refresh();
    schedule();
  }, state.refreshSeconds * 1000);
}

document.addEventListener('DOMContentLoaded', () => {
  document.getElementById('detail-close').addEventListener('click', closeDetail);
  document.getElementById('filter').addEventListener('input', () => state.summary && renderRunning());
  document.addEventListener('keydown', event => { if (event.key === 'Escape') closeDetail(); });
  // #lra=<uid> opens that LRA: a link an operator can pass on
  const linked = /^#lra=(.+)$/.exec(location.hash);
  if (linked) state.selected = { uid: decodeURIComponent(linked[1]), source: 'running' };
  refresh().then(schedule);
});
