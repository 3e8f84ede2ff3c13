// The admin page: plain JavaScript over the /api/admin calls. The token stays in this tab's
// sessionStorage and is sent only as a bearer header to this origin.
'use strict';

const $ = (selector) => document.querySelector(selector);
let nextCursor = null;
let providerNames = [];

function token() {
  return sessionStorage.getItem('yourbit-admin-token') || '';
}

async function call(method, path, json) {
  const headers = { Authorization: `Bearer ${token()}`, Accept: 'application/json' };
  if (json !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(path, { method, headers, body: json === undefined ? undefined : JSON.stringify(json) });
  const body = response.headers.get('Content-Type')?.includes('json') ? await response.json() : null;
  if (!response.ok) {
    throw new Error(body?.detail || body?.title || `HTTP ${response.status}`);
  }
  return body;
}

function cell(row, text, className) {
  const td = row.insertCell();
  td.textContent = text ?? '';
  if (className) td.className = className;
  return td;
}

function say(text, isError) {
  $('#message').textContent = text;
  $('#message').className = isError ? 'error' : '';
}

async function loadOverview() {
  const report = await call('GET', '/api/admin/config');
  $('#default-provider').textContent = report.providerForNewUploads;
  const providers = $('#providers tbody');
  providers.replaceChildren();
  providerNames = Object.entries(report.providers).filter(([, p]) => p.configured).map(([name]) => name);
  for (const [name, p] of Object.entries(report.providers)) {
    const row = providers.insertRow();
    cell(row, name);
    cell(row, p.configured ? 'yes' : 'no');
    cell(row, Object.entries(p.secretsSet).map(([k, set]) => `${k}: ${set ? 'set' : 'missing'}`).join(', ') || '—');
    const map = cell(row, '');
    for (const [k, v] of Object.entries(p.actionMap)) {
      const line = document.createElement('div');
      const code = document.createElement('code');
      code.textContent = `${k} = ${v}`;
      line.append(code);
      map.append(line);
    }
  }
  const counts = $('#counts tbody');
  counts.replaceChildren();
  for (const [provider, byStatus] of Object.entries(report.videoCounts)) {
    const row = counts.insertRow();
    cell(row, provider);
    for (const status of ['preparing', 'ready', 'errored', 'expired']) cell(row, String(byStatus[status] ?? 0));
  }
  const timer = report.staleUploadTimer;
  $('#timer').textContent = `Timer on this node: ${timer.enabled ? 'enabled' : 'disabled (video.expiry.enabled=false)'}; `
    + `last tick ${timer.lastTickAt ?? 'not yet'}; last sweep ${timer.lastSweepAt ?? 'not yet'}`
    + (timer.lastSweep ? ` (${sweepSummary(timer.lastSweep)})` : '');
  const hooks = $('#webhooks tbody');
  hooks.replaceChildren();
  // Signed deliveries (stored) and, on this node, the latest refused for their signature (in memory only).
  const all = [...report.latestWebhooks, ...report.rejectedWebhooks.latest]
    .sort((a, b) => String(b.receivedAt).localeCompare(String(a.receivedAt))).slice(0, 50);
  for (const r of all) {
    const row = hooks.insertRow();
    cell(row, r.receivedAt); cell(row, r.provider); cell(row, r.outcome); cell(row, r.reason); cell(row, r.eventKey);
  }
  $('#rejected-total').textContent = `${report.rejectedWebhooks.total} deliveries refused for their signature on this node since it started.`;
  $('#overview').hidden = false;
}

function sweepSummary(r) {
  return `examined ${r.examined}, expired ${r.expired}, recovered ${r.recovered}, retry later ${r.retryLater}; `
    + `${r.totalMillis} ms (provider lookups ${r.lookupMillis}, reads ${r.readMillis}, expiry ${r.expiryMillis}, cancels ${r.cancelMillis})`;
}

async function loadVideos(append) {
  const params = new URLSearchParams({ limit: '50' });
  if ($('#status').value) params.set('status', $('#status').value);
  if ($('#older-than').value.trim()) params.set('olderThan', $('#older-than').value.trim());
  if (append && nextCursor) params.set('cursor', nextCursor);
  const page = await call('GET', `/api/admin/videos?${params}`);
  const rows = $('#videos tbody');
  if (!append) rows.replaceChildren();
  for (const item of page.items) rows.append(videoRow(item));
  nextCursor = page.next;
  $('#more').hidden = !nextCursor;
  $('#videos-section').hidden = false;
}

function videoRow(item) {
  const v = item.video;
  const row = document.createElement('tr');
  row.dataset.videoId = v.id;
  cell(row, v.createdAt); cell(row, item.owner); cell(row, v.title); cell(row, v.provider);
  cell(row, v.status + (item.errorReason ? ` (${item.errorReason})` : ''), `status status-${v.status}`);
  cell(row, v.id);
  const sync = document.createElement('button');
  sync.type = 'button';
  sync.textContent = 'Sync';
  sync.className = 'sync';
  sync.addEventListener('click', async () => {
    try {
      const synced = await call('POST', `/api/admin/videos/${encodeURIComponent(v.id)}/sync`);
      row.replaceWith(videoRow(synced));
      say(`Synced ${v.id}: ${synced.video.status}`);
    } catch (e) {
      say(`Sync failed: ${e.message}`, true);
    }
  });
  row.insertCell().append(sync);
  const move = row.insertCell();
  if (v.status === 'ready') {
    const target = document.createElement('select');
    target.className = 'move-target';
    for (const name of providerNames.filter((n) => n !== v.provider)) target.add(new Option(name, name));
    const go = document.createElement('button');
    go.type = 'button';
    go.textContent = 'Move';
    go.className = 'move';
    go.addEventListener('click', async () => {
      try {
        const started = await call('POST', `/api/admin/videos/${encodeURIComponent(v.id)}/move`, { provider: target.value });
        say(`Moving ${v.id} to ${started.to}: ${started.state}`);
        await loadMoves();
      } catch (e) {
        say(`Move failed: ${e.message}`, true);
      }
    });
    move.append(target, go);
  }
  return row;
}

async function loadMoves() {
  const list = await call('GET', '/api/admin/moves?limit=50');
  $('#move-counts').textContent = Object.entries(list.counts).map(([state, n]) => `${state}: ${n}`).join(', ')
    + `; deletes left: ${list.pendingDeletes}`;
  const rows = $('#moves tbody');
  rows.replaceChildren();
  for (const m of list.items) {
    const row = rows.insertRow();
    row.dataset.moveId = m.id;
    cell(row, m.createdAt); cell(row, m.videoId); cell(row, m.from); cell(row, m.to);
    cell(row, m.state, `status move-${m.state}`); cell(row, m.source); cell(row, m.reason);
    cell(row, m.cleanup + (m.cleanupError ? ` (${m.cleanupError})` : ''));
  }
  $('#moves-section').hidden = false;
}

async function loadDeliveries() {
  const params = new URLSearchParams({ limit: '50' });
  if ($('#event-status').value) params.set('status', $('#event-status').value);
  const list = await call('GET', `/api/admin/events?${params}`);
  const rows = $('#deliveries tbody');
  rows.replaceChildren();
  for (const d of list.items) {
    const row = rows.insertRow();
    row.dataset.eventId = d.eventId;
    cell(row, d.createdAt); cell(row, d.type); cell(row, d.videoId); cell(row, d.endpoint);
    cell(row, d.status, `status delivery-${d.status}`); cell(row, String(d.attempts));
    cell(row, d.lastStatus != null ? `HTTP ${d.lastStatus}` : (d.lastError ?? ''));
    cell(row, d.nextAttemptAt ?? '');
    const again = document.createElement('button');
    again.type = 'button';
    again.textContent = 'Redeliver';
    again.className = 'redeliver';
    again.addEventListener('click', async () => {
      try {
        await call('POST', `/api/admin/events/${encodeURIComponent(d.eventId)}/redeliver`);
        say(`Event ${d.eventId} will be sent again.`);
        await loadDeliveries();
      } catch (e) {
        say(`Redelivery failed: ${e.message}`, true);
      }
    });
    row.insertCell().append(again);
  }
  $('#events-section').hidden = false;
}

async function connect() {
  sessionStorage.setItem('yourbit-admin-token', $('#token').value.trim());
  try {
    await loadOverview();
    await loadDeliveries();
    await loadMoves();
    await loadVideos(false);
    say('Connected.');
  } catch (e) {
    say(`Could not load: ${e.message}`, true);
  }
}

$('#connect').addEventListener('click', connect);
$('#filter').addEventListener('submit', (event) => {
  event.preventDefault();
  loadVideos(false).catch((e) => say(e.message, true));
});
$('#events-filter').addEventListener('submit', (event) => {
  event.preventDefault();
  loadDeliveries().catch((e) => say(e.message, true));
});
$('#bulk-move').addEventListener('submit', async (event) => {
  event.preventDefault();
  try {
    const r = await call('POST', '/api/admin/move',
      { from: $('#move-from').value.trim(), to: $('#move-to').value.trim(), limit: Number($('#move-limit').value) });
    say(`${r.queued} videos queued to move (batch ${r.batchId}).`);
    await loadMoves();
  } catch (e) {
    say(`Bulk move failed: ${e.message}`, true);
  }
});
$('#more').addEventListener('click', () => loadVideos(true).catch((e) => say(e.message, true)));
$('#expire-stale').addEventListener('click', async () => {
  try {
    const r = await call('POST', '/api/admin/expire-stale');
    $('#sweep-result').textContent = sweepSummary(r);
    await loadOverview();
  } catch (e) {
    say(`Sweep failed: ${e.message}`, true);
  }
});
if (token()) {
  $('#token').value = token();
  connect();
}
