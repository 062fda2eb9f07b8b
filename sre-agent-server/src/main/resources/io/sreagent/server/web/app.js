// The sre-agent web chat: plain ES module, no build step, no third-party code. Everything that comes from the
// cluster is put on the page as text (textContent), never as HTML.
const TOKEN_KEY = 'sre-agent-token';
const $ = (id) => document.getElementById(id);
const state = {
  token: sessionStorage.getItem(TOKEN_KEY) || '',
  incidents: new Map(), // id -> {incident_id, status, category, resource, trigger, started_at, confidence}
  runs: new Map(),      // id -> {agents: Map(name -> {team, status, lines: []}), order: []}
  selected: null,
  decision: null,
  ws: null,
  answer: null,
};

// --- helpers -----------------------------------------------------------------------------------------------

function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') e.className = v;
    else if (k === 'text') e.textContent = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v);
  }
  for (const c of children) if (c != null) e.append(c);
  return e;
}

function svg(tag, attrs = {}) {
  const e = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'text') e.textContent = v; else e.setAttribute(k, String(v));
  }
  return e;
}

function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); return node; }

function age(iso) {
  if (!iso) return '';
  const s = Math.max(0, Math.round((Date.now() - Date.parse(iso)) / 1000));
  return s < 60 ? s + ' s ago' : s < 3600 ? Math.round(s / 60) + ' min ago' : Math.round(s / 3600) + ' h ago';
}

class Unauthorized extends Error {}

async function api(path, options = {}) {
  const headers = Object.assign({ 'Content-Type': 'application/json' }, options.headers || {});
  if (state.token) headers.Authorization = 'Bearer ' + state.token;
  const res = await fetch(path, Object.assign({}, options, { headers }));
  if (res.status === 401) { askToken('That token was refused.'); throw new Unauthorized(); }
  const body = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(body.error || ('HTTP ' + res.status));
  return body;
}

// --- token -------------------------------------------------------------------------------------------------

function askToken(why) {
  $('token-error').textContent = state.token ? why : '';
  $('token-prompt').hidden = false;
  $('token-input').focus();
}

$('token-form').addEventListener('submit', (e) => {
  e.preventDefault();
  state.token = $('token-input').value.trim();
  sessionStorage.setItem(TOKEN_KEY, state.token);
  $('token-input').value = '';
  $('token-prompt').hidden = true;
  start();
});

// --- incidents list ----------------------------------------------------------------------------------------

function upsertIncident(i) {
  const old = state.incidents.get(i.incident_id) || {};
  state.incidents.set(i.incident_id, Object.assign(old, i));
  renderList();
}

function workload(i) {
  if (i.resource && i.status !== 'running') return i.resource;
  const t = i.trigger || {};
  return (t.resource_kind || '') + '/' + (t.namespace ? t.namespace + '/' : '') + (t.resource_name || '');
}

function renderList() {
  const filter = $('filter').value.trim().toLowerCase();
  const ul = clear($('incidents'));
  const items = [...state.incidents.values()].reverse();
  for (const i of items) {
    const text = [i.status, i.category, workload(i), i.incident_id].join(' ').toLowerCase();
    if (filter && !text.includes(filter)) continue;
    const li = el('li', { 'data-id': i.incident_id, onclick: () => select(i.incident_id) },
      el('span', { class: 'badge ' + (i.status || 'decided'), text: i.status || 'decided' }),
      el('strong', { text: i.category || '…' }),
      el('div', { text: workload(i) }),
      el('div', { class: 'meta', text: i.incident_id + (i.started_at ? ' · ' + age(i.started_at) : '')
        + (i.actions_awaiting ? ' · ' + i.actions_awaiting + ' awaiting approval' : '') }));
    if (i.incident_id === state.selected) li.classList.add('selected');
    ul.append(li);
  }
}

$('filter').addEventListener('input', renderList);

// --- live run ----------------------------------------------------------------------------------------------

function run(id) {
  if (!state.runs.has(id)) state.runs.set(id, { agents: new Map() });
  return state.runs.get(id);
}

function agent(r, name, team) {
  if (!r.agents.has(name)) r.agents.set(name, { team: team || '', status: 'idle', lines: [], tools: [] });
  const a = r.agents.get(name);
  if (team && !a.team) a.team = team;
  return a;
}

function messageText(m) {
  switch (m.type) {
    case 'text': return m.content;
    case 'finding': return 'finding: ' + m.finding.category + ' on ' + resourceText(m.finding.resource) + ' - ' + m.finding.summary;
    case 'handoff': return '→ ' + m.target + (m.reason ? ': ' + m.reason : '');
    case 'stop': return 'stop: ' + (m.reason || '');
    default: return null; // tool calls and results are shown from their own events
  }
}

function resourceText(r) {
  return r ? r.kind + '/' + (r.namespace ? r.namespace + '/' : '') + r.name : '';
}

function onEvent(id, e) {
  const r = run(id);
  switch (e.event) {
    case 'turn': agent(r, e.agent, e.team).status = 'thinking'; break;
    case 'tool_call': {
      const a = agent(r, e.agent);
      a.status = 'tool';
      a.tools.push({ tool: e.tool_id, args: JSON.stringify(e.arguments || {}), result: null });
      break;
    }
    case 'tool_result': {
      const a = agent(r, e.agent);
      const call = [...a.tools].reverse().find((t) => t.tool === e.tool_id && t.result == null);
      if (call) { call.result = e.summary; call.error = e.error; }
      a.status = 'thinking';
      break;
    }
    case 'model_call': agent(r, e.agent).lines.push('model ' + e.model + ': ' + e.input_tokens + ' + ' + e.output_tokens + ' tokens'); break;
    case 'message': {
      const m = e.message;
      const a = agent(r, m.source, e.team);
      const text = messageText(m);
      if (text) a.lines.push(text);
      if (m.type === 'handoff' || m.type === 'stop') a.status = 'done';
      break;
    }
    case 'termination':
      if (/fail|error/i.test(e.condition || '')) for (const a of r.agents.values()) if (a.status !== 'done') a.status = 'failed';
      break;
    case 'decision':
      for (const a of r.agents.values()) if (a.status !== 'failed') a.status = 'done';
      break;
    default: break;
  }
  if (state.selected === id) renderAgents(id);
}

const STATUS_TEXT = { idle: 'idle', thinking: 'thinking', tool: 'calling a tool', done: 'done', failed: 'failed' };

function renderAgents(id) {
  const box = clear($('agents'));
  const r = state.runs.get(id);
  if (!r || r.agents.size === 0) {
    box.append(el('p', { class: 'hint', text: 'No live run seen for this incident (it ran before this page opened).' }));
    return;
  }
  for (const [name, a] of r.agents) {
    const d = el('details', { class: 'agent', 'data-agent': name, 'data-status': a.status });
    if (a.status !== 'done') d.open = true;
    d.append(el('summary', {},
      el('strong', { text: name }), a.team ? el('span', { class: 'meta', text: ' ' + a.team }) : null,
      el('span', { class: 'status ' + a.status, text: STATUS_TEXT[a.status] || a.status }),
      el('span', { class: 'meta', text: ' ' + a.lines.length + ' turns, ' + a.tools.length + ' tool calls' })));
    for (const line of a.lines) d.append(el('div', { class: 'turn', text: line }));
    if (a.tools.length) {
      const tools = el('details', { class: 'tools' }, el('summary', { text: a.tools.length + ' tool calls' }));
      for (const t of a.tools) {
        tools.append(el('div', { class: 'tool', text: t.tool + ' ' + t.args + (t.result == null ? ' …'
          : (t.error ? ' failed: ' : ' → ') + t.result) }));
      }
      d.append(tools);
    }
    box.append(d);
  }
}

// --- an incident -------------------------------------------------------------------------------------------

async function select(id) {
  state.selected = id;
  state.decision = null;
  $('empty').hidden = true;
  $('detail').hidden = false;
  $('incident-title').textContent = 'Incident ' + id;
  renderTrigger((state.incidents.get(id) || {}).trigger);
  for (const s of ['decision', 'charts-section', 'logs-section', 'evidence-section', 'actions-section']) $(s).hidden = true;
  clear($('chat'));
  renderList();
  renderAgents(id);
  const i = state.incidents.get(id);
  if (i && i.status !== 'running') await loadDecision(id);
}

async function loadDecision(id) {
  let d;
  try { d = await api('/incidents/' + encodeURIComponent(id)); } catch (e) { return; }
  if (d.status === 'running' || state.selected !== id) return;
  state.decision = d;
  renderDecision(d);
  try { renderEvidenceView(await api('/incidents/' + encodeURIComponent(id) + '/evidence')); } catch (e) { /* no view */ }
}

function renderTrigger(t) {
  if (!t) { $('trigger').textContent = ''; return; }
  const data = t.event_data || {};
  $('trigger').textContent = 'Trigger: ' + [t.event_type, data.reason].filter(Boolean).join(' ') + ' on ' + t.resource_kind
    + '/' + (t.namespace ? t.namespace + '/' : '') + t.resource_name + (data.message ? ': ' + data.message : '');
}

function renderDecision(d) {
  $('decision').hidden = false;
  renderTrigger(d.trigger);
  const rc = d.root_cause;
  $('root-cause').textContent = rc.category + ' on ' + resourceText(rc.resource);
  $('summary').textContent = rc.summary;
  $('confidence-bar').style.width = Math.round(d.confidence * 100) + '%';
  $('confidence-bar').title = 'confidence ' + d.confidence;
  const chain = clear($('chain'));
  const top = (d.evidence || []).find((e) => e.detail && Array.isArray(e.detail.chain) && e.detail.chain.length);
  if (top) for (const step of top.detail.chain) chain.append(el('li', { text: typeof step === 'string' ? step : JSON.stringify(step) }));
  // Evidence grouped by source.
  const ev = clear($('evidence'));
  const groups = new Map();
  for (const e of d.evidence || []) {
    if (!groups.has(e.source)) groups.set(e.source, []);
    groups.get(e.source).push(e.summary);
  }
  for (const [source, items] of groups) {
    const ul = el('ul');
    for (const s of items) ul.append(el('li', { text: s }));
    ev.append(el('div', { class: 'evidence-group', 'data-source': source }, el('strong', { text: source }), ul));
  }
  $('evidence-section').hidden = groups.size === 0;
  renderActions(d);
  const i = state.incidents.get(d.incident_id) || { incident_id: d.incident_id };
  upsertIncident(Object.assign(i, { status: 'decided', category: rc.category, resource: resourceText(rc.resource) }));
}

function renderActions(d) {
  const box = clear($('actions'));
  for (const a of d.actions || []) {
    const card = el('div', { class: 'action', 'data-action': a.id, 'data-status': a.status },
      el('div', {}, el('strong', { text: a.id + ' ' + a.type }), document.createTextNode(' on ' + resourceText(a.target) + ' '),
        el('span', { class: 'badge', text: a.risk + ' risk' }), el('span', { class: 'badge action-status', text: a.status })),
      a.reason ? el('div', { class: 'meta', text: a.reason }) : null);
    if (a.guard) {
      card.append(el('div', { text: 'guard: ' + a.guard.verdict + (a.guard.reasons && a.guard.reasons.length ? ' - ' + a.guard.reasons.join('; ') : '') }));
    }
    const report = a.outcome && a.outcome.report;
    if (report && (report.before || report.after)) card.append(diff(report.before || {}, report.after || {}));
    if (a.outcome && !report) card.append(el('div', { class: 'outcome', text: outcomeText(a) }));
    if (a.status === 'AWAITING_APPROVAL') {
      card.append(el('div', { class: 'row' },
        el('button', { class: 'approve', text: 'Approve', onclick: () => decideAction(d, a, true) }),
        el('button', { class: 'danger deny', text: 'Deny', onclick: () => decideAction(d, a, false) })));
    }
    box.append(card);
  }
  $('actions-section').hidden = (d.actions || []).length === 0;
}

function outcomeText(a) {
  const o = a.outcome || {};
  if (o.denied_by) return 'denied by ' + o.denied_by;
  if (o.error) return 'failed: ' + o.error + (o.message ? ' - ' + o.message : '');
  const r = o.report || o;
  return a.status + (r.executed === false ? ' (nothing changed: ' + (r.reason || 'dry-run') + ')' : '')
    + (o.dry_run ? ' · server-side dry-run ' + (typeof o.dry_run === 'string' ? o.dry_run : 'ok') : '');
}

function flatten(o, prefix = '', out = {}) {
  if (o && typeof o === 'object' && !Array.isArray(o)) {
    for (const [k, v] of Object.entries(o)) flatten(v, prefix ? prefix + '.' + k : k, out);
  } else out[prefix] = JSON.stringify(o);
  return out;
}

function diff(before, after) {
  const b = flatten(before);
  const a = flatten(after);
  const box = el('div', { class: 'diff' }, el('div', { class: 'meta', text: 'server-side dry-run: what would change' }));
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  let changed = 0;
  for (const k of keys) {
    if (b[k] === a[k]) continue;
    changed++;
    box.append(el('div', {}, document.createTextNode(k + ': '), el('span', { class: 'before', text: b[k] ?? '(none)' }),
      document.createTextNode(' → '), el('span', { class: 'after', text: a[k] ?? '(none)' })));
  }
  if (!changed) box.append(el('div', { text: 'no change' }));
  return box;
}

function confirmDialog(title, text) {
  return new Promise((resolve) => {
    $('confirm-title').textContent = title;
    $('confirm-text').textContent = text;
    $('confirm').hidden = false;
    $('confirm-name').focus();
    const done = (value) => {
      $('confirm').hidden = true;
      $('confirm-form').onsubmit = null;
      $('confirm-cancel').onclick = null;
      resolve(value);
    };
    $('confirm-form').onsubmit = (e) => { e.preventDefault(); done($('confirm-name').value.trim() || null); };
    $('confirm-cancel').onclick = () => done(null);
  });
}

async function decideAction(d, a, approve) {
  const who = await confirmDialog((approve ? 'Approve ' : 'Deny ') + a.id + ' ' + a.type,
    (approve ? 'The guard re-checks it, then it runs (a dry-run unless the server allows real changes): ' : 'It will not run: ')
    + a.type + ' on ' + resourceText(a.target) + '.');
  if (!who) return;
  const card = document.querySelector('[data-action="' + CSS.escape(a.id) + '"]');
  try {
    const result = approve
      ? await api('/execute', { method: 'POST', body: JSON.stringify({ incident_id: d.incident_id, action_id: a.id, approved_by: who }) })
      : await api('/deny', { method: 'POST', body: JSON.stringify({ incident_id: d.incident_id, action_id: a.id, denied_by: who }) });
    await loadDecision(d.incident_id);
    const fresh = document.querySelector('[data-action="' + CSS.escape(a.id) + '"]');
    if (fresh) fresh.append(el('div', { class: 'outcome result', text: 'outcome: ' + outcomeText(result) }));
  } catch (e) {
    if (card && !(e instanceof Unauthorized)) card.append(el('div', { class: 'outcome error', text: e.message }));
  }
}

// --- charts ------------------------------------------------------------------------------------------------

function renderEvidenceView(v) {
  const charts = clear($('charts'));
  const series = (v.series || []).slice().sort((x, y) => (y.limit != null) - (x.limit != null) || (y.change_at != null) - (x.change_at != null));
  for (const s of series.slice(0, 4)) charts.append(chart(s, v));
  $('charts-section').hidden = series.length === 0;
  const body = clear($('logs').tBodies[0]);
  for (const t of v.log_templates || []) {
    body.append(el('tr', {}, el('td', { text: String(t.count) }),
      el('td', { class: 'template' }, t.new ? el('span', { class: 'badge new', text: 'new' }) : null, document.createTextNode(t.template),
        t.example ? el('span', { class: 'example', text: 'e.g. ' + t.example }) : null),
      el('td', { text: t.first_seen ? t.first_seen.replace('T', ' ').replace('Z', '') : '' }),
      el('td', { text: t.last_seen ? t.last_seen.replace('T', ' ').replace('Z', '') : '' })));
  }
  $('logs-section').hidden = (v.log_templates || []).length === 0;
}

function chart(s, v) {
  const W = 640, H = 220, L = 52, R = 12, T = 12, B = 28;
  const pts = s.points;
  const marks = [v.trigger_at, v.rollout_at].filter(Boolean).map((m) => Date.parse(m) / 1000);
  let t0 = pts[0][0], t1 = pts[pts.length - 1][0];
  const span = Math.max(1, t1 - t0);
  for (const m of marks) { if (m > t1 && m - t1 < span * 0.25) t1 = m; if (m < t0 && t0 - m < span * 0.25) t0 = m; }
  let lo = Math.min(...pts.map((p) => p[1])), hi = Math.max(...pts.map((p) => p[1]));
  if (s.limit != null) { lo = Math.min(lo, s.limit); hi = Math.max(hi, s.limit); }
  if (hi === lo) { hi += 1; lo -= 1; }
  lo = Math.min(lo, 0) === 0 && lo >= 0 ? 0 : lo;
  const x = (t) => L + (W - L - R) * (t - t0) / Math.max(1, t1 - t0);
  const y = (val) => T + (H - T - B) * (1 - (val - lo) / (hi - lo));
  const root = svg('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': s.metric });
  root.append(svg('line', { x1: L, y1: H - B, x2: W - R, y2: H - B, stroke: '#9aa3b1' }));
  root.append(svg('line', { x1: L, y1: T, x2: L, y2: H - B, stroke: '#9aa3b1' }));
  const fmt = (n) => Math.abs(n) >= 1e6 ? (n / 1048576).toFixed(0) + 'Mi' : Math.abs(n) >= 100 ? n.toFixed(0) : n.toFixed(2);
  root.append(svg('text', { x: 4, y: T + 10, 'font-size': 11, fill: '#5d6675', text: fmt(hi) }));
  root.append(svg('text', { x: 4, y: H - B, 'font-size': 11, fill: '#5d6675', text: fmt(lo) }));
  const time = (t) => new Date(t * 1000).toISOString().slice(11, 16);
  root.append(svg('text', { x: L, y: H - 8, 'font-size': 11, fill: '#5d6675', text: time(t0) }));
  root.append(svg('text', { x: W - R - 34, y: H - 8, 'font-size': 11, fill: '#5d6675', text: time(t1) }));
  root.append(svg('polyline', { class: 'series', fill: 'none', stroke: '#2457c5', 'stroke-width': 2,
    points: pts.map((p) => x(p[0]).toFixed(1) + ',' + y(p[1]).toFixed(1)).join(' ') }));
  const legend = el('div', { class: 'legend' });
  const vline = (t, cls, color, label) => {
    if (t == null || t < t0 || t > t1) return;
    root.append(svg('line', { class: cls, x1: x(t), y1: T, x2: x(t), y2: H - B, stroke: color, 'stroke-dasharray': '4 3', 'stroke-width': 1.5 }));
    legend.append(el('span', { class: 'legend-' + cls, text: '┆ ' + label + ' ' + time(t) }));
  };
  if (s.limit != null) {
    root.append(svg('line', { class: 'limit', x1: L, y1: y(s.limit), x2: W - R, y2: y(s.limit), stroke: '#b3261e', 'stroke-width': 1.5, 'stroke-dasharray': '6 3' }));
    root.append(svg('text', { x: W - R - 90, y: y(s.limit) - 4, 'font-size': 11, fill: '#b3261e', text: s.limit_label || 'limit' }));
    legend.append(el('span', { class: 'legend-limit', text: '— ' + (s.limit_label || 'limit') + ' ' + fmt(s.limit) }));
  }
  vline(s.change_at, 'change-point', '#a05a00', 'change point');
  vline(v.rollout_at ? Date.parse(v.rollout_at) / 1000 : null, 'rollout', '#6a3fb5', 'rollout');
  vline(v.trigger_at ? Date.parse(v.trigger_at) / 1000 : null, 'trigger', '#1d2330', 'trigger');
  const labels = s.labels || {};
  const who = labels.pods || labels.pod || labels.persistentvolumeclaim || labels.container || '';
  return el('figure', { class: 'chart', 'data-metric': s.metric },
    el('figcaption', { class: 'title', text: s.metric + (who ? ' · ' + who : '') + (s.unit ? ' (' + s.unit + ')' : '') }), root, legend);
}

// --- chat --------------------------------------------------------------------------------------------------

$('ask-form').addEventListener('submit', (e) => {
  e.preventDefault();
  const q = $('question').value.trim();
  if (!q || !state.selected || !state.ws || state.ws.readyState !== WebSocket.OPEN) return;
  $('chat').append(el('div', { class: 'q', text: q }));
  state.answer = el('div', { class: 'a pending' });
  $('chat').append(state.answer);
  state.ws.send(JSON.stringify({ type: 'ask', incident_id: state.selected, question: q }));
  $('question').value = '';
});

function onAnswer(m) {
  if (!state.answer) return;
  if (m.chunk) state.answer.textContent += m.chunk;
  if (m.done) { state.answer.classList.remove('pending'); state.answer.classList.add('done'); state.answer = null; }
}

// --- the socket --------------------------------------------------------------------------------------------

function connect() {
  if (state.ws) state.ws.close();
  const ws = new WebSocket((location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/ws/chat');
  state.ws = ws;
  ws.onopen = () => { if (state.token) ws.send(JSON.stringify({ type: 'auth', token: state.token })); };
  ws.onmessage = (msg) => {
    const m = JSON.parse(msg.data);
    switch (m.type) {
      case 'ready': $('conn').textContent = 'live'; $('conn').classList.add('live'); break;
      case 'incident':
        upsertIncident(m);
        if (m.status === 'running' && (!state.selected || state.follow)) { state.follow = true; select(m.incident_id); }
        if (m.status === 'decided' && state.selected === m.incident_id) loadDecision(m.incident_id);
        break;
      case 'event': onEvent(m.incident_id, m.event); break;
      case 'answer': onAnswer(m); break;
      case 'error':
        if (state.answer) { state.answer.textContent = m.error; state.answer = null; }
        break;
      default: break;
    }
  };
  ws.onclose = (e) => {
    $('conn').textContent = 'disconnected'; $('conn').classList.remove('live');
    if (e.code === 4401) askToken('That token was refused.');
    else if (state.ws === ws) setTimeout(connect, 3000);
  };
}

async function start() {
  try {
    const list = await api('/incidents?limit=100');
    for (const i of list.incidents.slice().reverse()) upsertIncident(Object.assign({ status: 'decided' }, i));
  } catch (e) {
    if (e instanceof Unauthorized) return;
  }
  connect();
}

document.addEventListener('click', (e) => { if (e.target.closest('#incidents li')) state.follow = false; });
start();
