// The sinks page: a view over the admin API (/admin/sinks/...), nothing more. The admin token is kept in
// sessionStorage (gone when the tab closes) and sent as "Authorization: Bearer", never in a URL. Server data
// (parked errors hold user data) only ever reaches the page as textContent: no innerHTML anywhere.
'use strict';

(function () {
  const TOKEN_KEY = 'scim-bridge-admin-token';
  const REFRESH_MS = 5000;
  const api = new URL('../sinks', document.baseURI).pathname; // /admin/sinks, wherever the bridge is mounted
  const previous = new Map(); // "sink/directory" -> {position, at}: the rate is measured between two refreshes
  let timer = null;

  const $ = (id) => document.getElementById(id);

  function el(tag, attributes, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attributes || {})) {
      if (k === 'class') {
        e.className = v;
      } else if (k.startsWith('data-')) {
        e.setAttribute(k, v);
      } else {
        e[k] = v;
      }
    }
    for (const c of children) {
      e.append(c instanceof Node ? c : document.createTextNode(c == null ? '' : String(c)));
    }
    return e;
  }

  function token() {
    return sessionStorage.getItem(TOKEN_KEY);
  }

  function say(text, isError) {
    const m = $('message');
    m.textContent = text;
    m.className = isError ? 'error' : '';
  }

  class Refused extends Error {
  }

  async function call(method, path) {
    const response = await fetch(api + path, {
      method,
      headers: { 'Authorization': 'Bearer ' + token(), 'Accept': 'application/json' },
      cache: 'no-store',
      credentials: 'omit',
      redirect: 'error'
    });
    if (response.status === 401) {
      throw new Refused('The admin token was refused.');
    }
    let body = null;
    try {
      body = await response.json();
    } catch (e) {
      body = null;
    }
    return { status: response.status, body };
  }

  function segment(s) {
    return '/' + encodeURIComponent(s);
  }

  async function load() {
    if (!token()) {
      showLogin();
      return;
    }
    try {
      const list = await call('GET', '');
      if (list.status !== 200) {
        throw new Error('GET /admin/sinks answered ' + list.status);
      }
      const sections = [];
      for (const name of list.body.sinks) {
        const [status, parked] = await Promise.all([call('GET', segment(name)), call('GET', segment(name) + '/parked')]);
        sections.push(renderSink(name, status.body, parked.body));
      }
      if (sections.length === 0) {
        sections.push(el('p', { class: 'empty' }, 'No directory feeds a sink.'));
      }
      $('sinks').replaceChildren(...sections);
      $('updated').textContent = 'Updated ' + new Date().toLocaleTimeString();
      showSession();
      schedule();
    } catch (e) {
      if (e instanceof Refused) {
        sessionStorage.removeItem(TOKEN_KEY);
        $('sinks').replaceChildren();
        showLogin();
      } else {
        schedule();
      }
      say(e.message, true);
    }
  }

  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(load, REFRESH_MS);
  }

  function rate(sink, directory, position) {
    const key = sink + '/' + directory;
    const now = Date.now();
    const before = previous.get(key);
    previous.set(key, { position, at: now });
    if (!before || now - before.at < 500) {
      return '–';
    }
    const perSecond = Math.max(0, position - before.position) * 1000 / (now - before.at);
    return perSecond.toFixed(1) + '/s';
  }

  function renderSink(name, status, parked) {
    const section = el('section', { class: 'sink', 'data-sink': name },
      el('h2', {}, name + ' ', el('small', {}, '(' + (status ? status.type : '?') + ', route ' + (status ? status.route : '?') + ')')));
    if (!status) {
      section.append(el('p', { class: 'empty' }, 'No status (the sink is not active).'));
      return section;
    }
    const rows = [];
    const held = [];
    for (const [directory, d] of Object.entries(status.directories || {})) {
      const lag = el('td', { class: 'num lag' + (d.lag > 0 ? ' lagging' : '') }, d.lag);
      rows.push(el('tr', { class: 'directory', 'data-directory': directory },
        el('td', {}, directory),
        el('td', { class: 'num position' }, d.position),
        el('td', { class: 'num head' }, d.head),
        lag,
        el('td', { class: 'num rate' }, rate(name, directory, d.position)),
        el('td', {}, d.leaseOwner ? d.leaseOwner : '–'),
        el('td', { class: d.massChange && d.massChange.held ? 'held' : '' }, massChangeText(d.massChange))));
      if (d.massChange && d.massChange.held) {
        held.push(renderHold(name, directory, d.massChange.hold));
      }
    }
    section.append(el('table', { class: 'directories' },
      el('thead', {}, el('tr', {}, ...['directory', 'position', 'head', 'lag', 'rate', 'lease', 'mass-change guard']
        .map((h) => el('th', {}, h)))),
      el('tbody', {}, ...rows)));
    if (held.length) {
      section.append(el('h3', {}, 'Held by the mass-change guard'), ...held);
    }
    section.append(el('h3', {}, 'Parked changes (' + (parked ? parked.totalResults : 0) + ')'));
    if (!parked || parked.parked.length === 0) {
      section.append(el('p', { class: 'empty parked-empty' }, 'Nothing parked.'));
    } else {
      section.append(el('table', { class: 'parked' },
        el('thead', {}, el('tr', {}, ...['directory', 'seq', 'change', 'resource', 'attempts', 'parked at', 'error', '']
          .map((h) => el('th', {}, h)))),
        el('tbody', {}, ...parked.parked.map((p) => renderParked(name, p)))));
    }
    return section;
  }

  function massChangeText(m) {
    if (!m) {
      return '–';
    }
    if (m.held) {
      return 'HOLDING ' + m.hold.deletesAndDisables + ' deletes/disables';
    }
    return m.enabled ? 'armed (max ' + m.maxCount + ')' : 'off';
  }

  function renderHold(sink, directory, hold) {
    const release = el('button', { type: 'button', class: 'release' }, 'Release');
    const discard = el('button', { type: 'button', class: 'discard' }, 'Discard');
    const base = segment(sink) + '/mass-change' + segment(directory);
    release.addEventListener('click', () => act(release, 'POST', base + '/release',
      'Release: the ' + hold.deletesAndDisables + ' held deletes and disables of ' + directory + ' apply. Go on?'));
    discard.addEventListener('click', () => act(discard, 'POST', base + '/discard',
      'Discard: the held deletes and disables of ' + directory + ' are parked instead. Go on?'));
    return el('p', { class: 'hold', 'data-directory': directory },
      directory + ': ' + hold.deletesAndDisables + ' deletes/disables (limit ' + hold.limit + ', of ' + hold.entries
      + ' entries), changes #' + hold.fromSeq + '–#' + hold.toSeq + ', since ' + hold.since + ' ', release, ' ', discard);
  }

  function renderParked(sink, p) {
    const replay = el('button', { type: 'button', class: 'replay' }, 'Replay');
    replay.addEventListener('click', () => act(replay, 'POST',
      segment(sink) + '/parked' + segment(p.directoryId) + segment(String(p.seq)) + '/replay'));
    return el('tr', { class: 'parked-change', 'data-directory': p.directoryId, 'data-seq': String(p.seq) },
      el('td', {}, p.directoryId),
      el('td', { class: 'num seq' }, p.seq),
      el('td', {}, p.operation + ' ' + p.resourceType),
      el('td', { class: 'resource' }, p.resourceId),
      el('td', { class: 'num' }, p.attempts),
      el('td', {}, p.parkedAt),
      el('td', { class: 'error' }, p.error + (p.blockedBy != null ? ' (waits for #' + p.blockedBy + ')' : '')),
      el('td', {}, replay));
  }

  async function act(button, method, path, confirmation) {
    if (confirmation && !window.confirm(confirmation)) {
      return;
    }
    button.disabled = true;
    try {
      const r = await call(method, path);
      const detail = r.body && r.body.detail ? ': ' + r.body.detail : '';
      say(method + ' ' + path + ' → ' + r.status + ' ' + (r.body && r.body.status ? r.body.status : '') + detail,
        r.status >= 400);
    } catch (e) {
      say(e.message, true);
    }
    await load();
  }

  function showLogin() {
    clearTimeout(timer);
    $('login').hidden = false;
    $('session').hidden = true;
  }

  function showSession() {
    $('login').hidden = true;
    $('session').hidden = false;
  }

  document.addEventListener('DOMContentLoaded', () => {
    $('login').addEventListener('submit', (event) => {
      event.preventDefault();
      sessionStorage.setItem(TOKEN_KEY, $('token').value);
      $('token').value = '';
      say('', false);
      load();
    });
    $('refresh').addEventListener('click', load);
    $('sign-out').addEventListener('click', () => {
      sessionStorage.removeItem(TOKEN_KEY);
      $('sinks').replaceChildren();
      say('', false);
      showLogin();
    });
    load();
  });
})();
