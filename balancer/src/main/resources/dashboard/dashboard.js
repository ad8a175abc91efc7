// OTT cluster dashboard: polls the balancer's snapshot (GET /dashboard/state with the API key)
// and redraws in place. The activity feed is derived by comparing successive snapshots.
(function () {
  'use strict';

  var STATE_URL = '/dashboard/state';
  var KEY_STORAGE = 'ott-dashboard-key';
  var POLL_MS = 1000;
  var RETRY_MS = 2000;
  var REQUEST_TIMEOUT_MS = 4000;
  // A room that vanished and shows up elsewhere within this time has moved; otherwise it was unloaded.
  var MOVE_WINDOW_MS = 60000;
  var FEED_LIMIT = 60;

  var $ = function (id) { return document.getElementById(id); };

  var previous = null;          // last snapshot rendered
  var lastSuccess = 0;          // Date.now() of the last snapshot
  var lostSince = 0;            // Date.now() when polling started failing, 0 while live
  var lostReason = '';
  var drainStart = {};          // monolith id -> rooms it held when its drain was first seen
  var departed = {};            // room name -> { from, at } while a room is between homes
  var timer = null;

  // ------------------------------------------------------------------ small DOM helper

  function h(tag, attrs, children) {
    var el = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (k) {
        var v = attrs[k];
        if (v === null || v === undefined || v === false) { return; }
        if (k === 'class') { el.className = v; } else if (k === 'text') { el.textContent = v; } else { el.setAttribute(k, v === true ? '' : v); }
      });
    }
    (children || []).forEach(function (c) {
      if (c === null || c === undefined) { return; }
      el.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
    });
    return el;
  }

  function shortId(id) { return id.slice(0, 8); }
  function plural(n, word) { return n + ' ' + word + (n === 1 ? '' : 's'); }
  function clock(t) { return new Date(t).toLocaleTimeString([], { hour12: false }); }
  // The monolith counts every balancer's users but reports only on load and gossip; the clients
  // connected here are counted live. The larger of the two is the best estimate in between.
  function roomUsers(r) { return Math.max(typeof r.users === 'number' ? r.users : 0, r.clients); }
  function secondsSince(t) { return Math.max(0, Math.round((Date.now() - t) / 1000)); }

  // ------------------------------------------------------------------ API key

  function readKeyFromFragment() {
    var m = /(?:^#|&)key=([^&]*)/.exec(location.hash);
    if (!m) { return; }
    sessionStorage.setItem(KEY_STORAGE, decodeURIComponent(m[1]));
    // Keep the key out of the address bar, bookmarks and history.
    history.replaceState(null, '', location.pathname + location.search);
  }

  function needKey(message) {
    stop();
    document.body.classList.add('needs-key');
    document.body.classList.remove('stale');
    $('lost').hidden = true;
    $('keyform').hidden = false;
    $('key-error').textContent = message || '';
    setConnection('key', 'API key needed');
    $('key').focus();
  }

  $('keyform').addEventListener('submit', function (e) {
    e.preventDefault();
    var key = $('key').value.trim();
    if (!key) { $('key-error').textContent = 'Enter the balancer\'s api_key.'; return; }
    sessionStorage.setItem(KEY_STORAGE, key);
    $('key').value = '';
    $('keyform').hidden = true;
    document.body.classList.remove('needs-key');
    setConnection('connecting', 'connecting…');
    poll();
  });

  $('forget').addEventListener('click', function () {
    sessionStorage.removeItem(KEY_STORAGE);
    needKey('');
  });

  // ------------------------------------------------------------------ polling

  function stop() { if (timer) { clearTimeout(timer); timer = null; } }
  function schedule(ms) { stop(); timer = setTimeout(poll, ms); }

  function poll() {
    var key = sessionStorage.getItem(KEY_STORAGE);
    if (!key) { needKey(''); return; }
    var ctrl = new AbortController();
    var deadline = setTimeout(function () { ctrl.abort(); }, REQUEST_TIMEOUT_MS);
    fetch(STATE_URL, { headers: { 'Authorization': 'Bearer ' + key }, cache: 'no-store', signal: ctrl.signal })
      .then(function (res) {
        if (res.status === 401) { return { refused: true }; }
        if (!res.ok) { throw new Error('the balancer answered HTTP ' + res.status); }
        return res.json().then(function (snap) { return { snap: snap }; });
      })
      .then(function (r) {
        clearTimeout(deadline);
        if (r.refused) {
          sessionStorage.removeItem(KEY_STORAGE);
          needKey('The balancer refused that key.');
          return;
        }
        live();
        render(r.snap);
        schedule(POLL_MS);
      })
      .catch(function (err) {
        clearTimeout(deadline);
        lost(err && err.name === 'AbortError' ? 'no answer within ' + (REQUEST_TIMEOUT_MS / 1000) + ' s' : (err && err.message) || 'request failed');
        schedule(RETRY_MS);
      });
  }

  function setConnection(state, text) {
    $('connection').setAttribute('data-state', state);
    $('connection-text').textContent = text;
  }

  function live() {
    if (lostSince) {
      addFeed('ok', 'Connection to the balancer is back (lost for ' + secondsSince(lostSince) + ' s).');
    }
    lostSince = 0;
    lastSuccess = Date.now();
    document.body.classList.remove('stale');
    $('lost').hidden = true;
    setConnection('live', 'live');
  }

  function lost(reason) {
    if (!lostSince) {
      lostSince = Date.now();
      addFeed('bad', 'Lost the connection to the balancer.');
    }
    lostReason = reason;
    document.body.classList.add('stale');
    $('lost').hidden = false;
    setConnection('lost', 'connection lost');
    tick();
  }

  // Keeps the "updated … ago" texts true between polls.
  function tick() {
    if (lastSuccess) {
      var age = secondsSince(lastSuccess);
      $('updated').textContent = 'updated ' + clock(lastSuccess) + (age >= 2 ? ' (' + age + ' s ago)' : '');
    }
    if (lostSince) {
      $('lost-detail').textContent = 'Since ' + clock(lostSince) + ' (' + lostReason + '). ' +
        (lastSuccess ? 'What you see is ' + secondsSince(lastSuccess) + ' s old. ' : '') + 'Retrying every ' + (RETRY_MS / 1000) + ' s…';
    }
  }
  setInterval(tick, 1000);

  // ------------------------------------------------------------------ activity feed

  function addFeed(kind, text) {
    var list = $('feed');
    var item = h('li', { class: kind + (previous ? ' new' : '') }, [h('time', { text: clock(Date.now()) }), h('span', { text: text })]);
    list.insertBefore(item, list.firstChild);
    while (list.children.length > FEED_LIMIT) { list.removeChild(list.lastChild); }
    $('feed-empty').hidden = true;
  }

  function index(snap) {
    var monoliths = {};
    var rooms = {};
    snap.monoliths.forEach(function (m) {
      monoliths[m.id] = m;
      m.rooms.forEach(function (r) { rooms[r.name] = { room: r, monolith: m }; });
    });
    return { monoliths: monoliths, rooms: rooms };
  }

  function label(m) { return 'monolith ' + shortId(m.id); }

  function diff(prev, next) {
    var a = index(prev);
    var b = index(next);
    var now = Date.now();
    next.monoliths.forEach(function (m) {
      var was = a.monoliths[m.id];
      if (!was) { addFeed('ok', label(m) + ' linked (' + m.endpoint + ').'); return; }
      if (m.draining && !was.draining) { addFeed('drain', label(m) + ' is draining: ' + plural(m.rooms.length, 'room') + ' to move.'); }
      if (!m.draining && was.draining) { addFeed('ok', label(m) + ' is no longer draining.'); }
    });
    prev.monoliths.forEach(function (m) {
      if (!b.monoliths[m.id]) { addFeed('bad', label(m) + ' unlinked.'); }
    });
    Object.keys(b.rooms).forEach(function (name) {
      var cur = b.rooms[name];
      var was = a.rooms[name];
      if (cur.room.frozen && !(was && was.room.frozen)) {
        addFeed('freeze', 'Room "' + name + '" frozen on ' + label(cur.monolith) + ' (' + plural(roomUsers(cur.room), 'user') + ' held).');
      }
      var from = was ? was.monolith : (departed[name] ? departed[name].from : null);
      if (from && from.id !== cur.monolith.id) {
        var took = departed[name] ? ' in ' + ((now - departed[name].at) / 1000).toFixed(1) + ' s' : '';
        addFeed('move', 'Room "' + name + '" moved ' + label(from) + ' → ' + label(cur.monolith) + took +
          ' (' + plural(roomUsers(cur.room), 'user') + ', no reconnect).');
      } else if (!was && !departed[name]) {
        addFeed('ok', 'Room "' + name + '" loaded on ' + label(cur.monolith) + '.');
      }
      delete departed[name];
    });
    Object.keys(a.rooms).forEach(function (name) {
      if (!b.rooms[name] && !departed[name]) { departed[name] = { from: a.rooms[name].monolith, at: now }; }
    });
    Object.keys(departed).forEach(function (name) {
      if (now - departed[name].at > MOVE_WINDOW_MS) {
        addFeed('ok', 'Room "' + name + '" unloaded from ' + label(departed[name].from) + '.');
        delete departed[name];
      }
    });
    var pm = prev.migration, nm = next.migration;
    if (nm.clients_timed_out > pm.clients_timed_out) {
      addFeed('bad', plural(nm.clients_timed_out - pm.clients_timed_out, 'client') + ' closed: their room found no new home in time.');
    }
    if (nm.buffer_overflows > pm.buffer_overflows) {
      addFeed('bad', plural(nm.buffer_overflows - pm.buffer_overflows, 'client') + ' closed: too many messages held during a move.');
    }
  }

  // ------------------------------------------------------------------ rendering

  function render(snap) {
    if (previous) { diff(previous, snap); }
    $('balancer').textContent = 'balancer ' + shortId(snap.balancer.id) + ' · region ' + snap.balancer.region +
      ' · ' + plural(snap.balancer.clients, 'client') + ' connected here';
    renderTiles(snap);
    renderCards(snap);
    previous = snap;
    tick();
  }

  function renderTiles(snap) {
    var rooms = 0, users = 0, draining = 0;
    snap.monoliths.forEach(function (m) {
      rooms += m.rooms.length;
      if (m.draining) { draining++; }
      m.rooms.forEach(function (r) { users += roomUsers(r); });
    });
    var mig = snap.migration;
    $('t-monoliths').textContent = snap.monoliths.length;
    $('t-draining').textContent = draining ? draining + ' draining' : 'all active';
    $('t-draining').className = 'extra' + (draining ? ' warn' : '');
    $('t-rooms').textContent = rooms;
    $('t-users').textContent = users;
    $('t-clients').textContent = plural(snap.balancer.clients, 'client') + ' via this balancer';
    $('t-frozen').textContent = mig.frozen_rooms;
    $('t-held').textContent = mig.held_clients ? plural(mig.held_clients, 'client') + ' held' : '';
    $('t-moved').textContent = mig.rooms_moved;
    $('t-clients-moved').textContent = plural(mig.clients_moved, 'client') + ' moved without reconnect';
  }

  function renderCards(snap) {
    var container = $('monoliths');
    var seen = {};
    var before = previous ? index(previous).monoliths : null;
    snap.monoliths.forEach(function (m) {
      seen[m.id] = true;
      var card = container.querySelector('[data-monolith="' + m.id + '"]');
      if (!card) {
        card = h('article', { class: 'card', 'data-monolith': m.id });
        container.appendChild(card);
      }
      fillCard(card, m, before ? before[m.id] : null);
    });
    Array.prototype.slice.call(container.querySelectorAll('.card')).forEach(function (card) {
      if (!seen[card.getAttribute('data-monolith')]) { container.removeChild(card); }
    });
    $('no-monoliths').hidden = snap.monoliths.length > 0;
  }

  function fillCard(card, m, was) {
    if (m.draining && drainStart[m.id] === undefined) { drainStart[m.id] = Math.max(m.rooms.length, was ? was.rooms.length : 0); }
    if (!m.draining) { delete drainStart[m.id]; }
    card.className = 'card' + (m.draining ? ' draining' : '');
    card.setAttribute('data-draining', m.draining ? 'true' : 'false');
    card.setAttribute('data-rooms', m.rooms.map(function (r) { return r.name; }).join(' '));

    var badges = h('div', { class: 'badges' }, [
      m.draining ? h('span', { class: 'badge draining', text: 'draining' }) : h('span', { class: 'badge active', text: 'active' }),
      m.agent ? h('span', { class: 'badge', text: 'agent', title: 'an ott-monolith-agent sits in front of this monolith' }) : null
    ]);
    var head = h('div', { class: 'card-head' }, [
      h('div', { class: 'card-title mono', text: shortId(m.id), title: m.id }),
      badges
    ]);
    var meta = h('dl', { class: 'meta' }, [
      h('dt', { text: 'region' }), h('dd', { text: m.region }),
      h('dt', { text: 'link' }), h('dd', { class: 'mono', text: m.endpoint }),
      h('dt', { text: 'http' }), h('dd', { class: 'mono', text: m.http })
    ]);

    var children = [head, meta, loadRow(m)];
    if (m.draining) { children.push(drainRow(m)); }

    var wasRooms = {};
    if (was) { was.rooms.forEach(function (r) { wasRooms[r.name] = true; }); }
    var list = h('ul', { class: 'rooms' });
    if (m.rooms.length === 0) {
      list.appendChild(h('li', { class: 'none', text: m.draining ? 'no rooms left' : 'no rooms' }));
    }
    m.rooms.forEach(function (r) {
      var n = roomUsers(r);
      var right = h('div', { class: 'room-right' }, [
        r.frozen ? h('span', { class: 'frozen-tag', text: 'frozen ' + (r.frozen_ms / 1000).toFixed(1) + ' s' }) : null,
        h('span', { class: 'users', title: r.clients + ' connected through this balancer', text: plural(n, 'user') })
      ]);
      var left = h('div', null, [
        h('div', { class: 'room-name', text: r.name }),
        r.title && r.title !== r.name ? h('div', { class: 'room-title', text: r.title }) : null
      ]);
      list.appendChild(h('li', {
        class: 'room' + (r.frozen ? ' frozen' : '') + (was && !wasRooms[r.name] ? ' fresh' : ''),
        'data-room': r.name, 'data-users': String(n), 'data-frozen': r.frozen ? 'true' : 'false'
      }, [left, right]));
    });
    children.push(list);

    card.replaceChildren.apply(card, children);
  }

  function loadRow(m) {
    var bar = h('div', { class: 'bar' }, [h('span')]);
    var text;
    if (typeof m.load === 'number') {
      var pct = Math.max(0, Math.min(1, m.load));
      bar.firstChild.style.width = (pct * 100).toFixed(0) + '%';
      if (pct > 0.85) { bar.classList.add('hot'); } else if (pct > 0.6) { bar.classList.add('warn'); }
      text = 'load ' + m.load.toFixed(2);
    } else {
      text = 'load not reported';
    }
    return h('div', { class: 'load' }, [h('span', { text: text }), bar]);
  }

  function drainRow(m) {
    var start = drainStart[m.id] || 0;
    var moved = Math.max(0, start - m.rooms.length);
    var bar = h('div', { class: 'bar warn' }, [h('span')]);
    bar.firstChild.style.width = (start ? (moved / start) * 100 : 100).toFixed(0) + '%';
    var text = m.rooms.length === 0 ? 'drained: every room has left'
      : 'draining: ' + moved + ' of ' + plural(start, 'room') + ' moved away';
    return h('div', { class: 'drain', 'data-drain': 'true' }, [h('span', { text: text }), bar]);
  }

  // ------------------------------------------------------------------ start

  readKeyFromFragment();
  poll();
})();
