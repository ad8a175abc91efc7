// The sample room page. Every URL is relative to the page's origin, so the page works the same
// when served by a monolith directly or through a balancer.
(function () {
  "use strict";
  const $ = (id) => document.getElementById(id);
  const match = location.pathname.match(/^\/room\/([^/]+)/);
  const roomName = match ? decodeURIComponent(match[1]) : null;

  const state = { me: null, users: new Map(), playback: null, socket: null, retries: 0, name: null, closedForGood: false };

  function show(id, visible) { $(id).classList.toggle("hidden", !visible); }
  function status(text) { $("status").textContent = text; }

  if (!roomName) {
    show("lobby", true);
    $("join-form").addEventListener("submit", (e) => {
      e.preventDefault();
      location.href = "/room/" + encodeURIComponent($("room-input").value.trim());
    });
    $("generate").addEventListener("click", async () => {
      const res = await fetch("/api/room/generate", { method: "POST", headers: { "Content-Type": "application/json" }, body: "{}" });
      const body = await res.json();
      if (res.status === 201 && body.room) { location.href = "/room/" + encodeURIComponent(body.room); }
      else { status("could not create a room: " + JSON.stringify(body)); }
    });
    return;
  }

  $("room-title").textContent = "— " + roomName;
  show("name-step", true);
  $("name-input").value = localStorage.getItem("ott-sample-name") || "";
  $("name-form").addEventListener("submit", (e) => {
    e.preventDefault();
    state.name = $("name-input").value.trim();
    localStorage.setItem("ott-sample-name", state.name);
    show("name-step", false);
    show("room", true);
    connect();
  });

  async function token() {
    let t = sessionStorage.getItem("ott-sample-token");
    if (!t) {
      const res = await fetch("/api/auth/grant");
      t = (await res.json()).token;
      sessionStorage.setItem("ott-sample-token", t);
    }
    return t;
  }

  async function connect() {
    status("connecting…");
    let t;
    try { t = await token(); } catch (err) { return retry("could not get a token"); }
    const scheme = location.protocol === "https:" ? "wss:" : "ws:";
    const ws = new WebSocket(scheme + "//" + location.host + "/api/room/" + encodeURIComponent(roomName));
    state.socket = ws;
    ws.onopen = () => {
      ws.send(JSON.stringify({ action: "auth", token: t }));
      send({ action: "req", request: { type: "set_name", name: state.name } });
      state.retries = 0;
      status("connected");
    };
    ws.onmessage = (e) => handle(JSON.parse(e.data));
    ws.onclose = (e) => {
      if (e.code >= 4000) {
        state.closedForGood = true;
        const why = { 4002: "room not found", 4003: "room unloaded", 4004: "not authorised", 4005: "kicked" }[e.code] || "closed";
        if (e.code === 4004) { sessionStorage.removeItem("ott-sample-token"); }
        status("disconnected: " + why + " (" + e.code + ")");
      } else {
        retry("connection lost (" + e.code + ")");
      }
    };
  }

  function retry(why) {
    const delay = Math.min(30000, 500 * Math.pow(2, state.retries++));
    status(why + "; reconnecting in " + Math.round(delay / 1000) + " s");
    setTimeout(connect, delay);
  }

  function send(msg) {
    if (state.socket && state.socket.readyState === WebSocket.OPEN) { state.socket.send(JSON.stringify(msg)); }
  }

  function handle(msg) {
    switch (msg.action) {
      case "sync":
        state.users = new Map(msg.users.map((u) => [u.id, u]));
        $("chat-log").textContent = "";
        msg.chat.forEach(addChat);
        setPlayback(msg.playback);
        if (msg.title) { $("room-title").textContent = "— " + msg.title; }
        renderUsers();
        break;
      case "you": state.me = msg.info.id; renderUsers(); break;
      case "user": userUpdate(msg.update); break;
      case "chat": addChat(msg); break;
      case "playback": setPlayback(msg.state); break;
      case "settings": $("room-title").textContent = "— " + (msg.title || roomName); break;
      case "error": status("server says: " + msg.error); break;
    }
  }

  function userUpdate(u) {
    if (u.kind === "remove") { state.users.delete(u.value); }
    else if (u.kind === "init") { state.me = u.value.id; state.users.set(u.value.id, u.value); }
    else { state.users.set(u.value.id, u.value); }
    renderUsers();
  }

  function renderUsers() {
    const ul = $("users");
    ul.textContent = "";
    for (const u of state.users.values()) {
      const li = document.createElement("li");
      li.textContent = u.name;
      if (u.id === state.me) { li.className = "me"; }
      ul.appendChild(li);
    }
  }

  function addChat(c) {
    const line = document.createElement("div");
    line.textContent = new Date(c.timestamp).toLocaleTimeString() + " " + c.from.name + ": " + c.text;
    $("chat-log").appendChild(line);
    $("chat-log").scrollTop = $("chat-log").scrollHeight;
  }

  // The server sends position at updatedAt; while playing the page extrapolates from the local clock.
  function setPlayback(p) {
    state.playback = Object.assign({}, p, { receivedAt: Date.now() });
    $("video-id").textContent = p.videoId || "none";
    $("playing").textContent = p.playing ? "playing" : "paused";
  }

  setInterval(() => {
    const p = state.playback;
    if (!p) { return; }
    const pos = p.playing ? p.position + (Date.now() - p.receivedAt) / 1000 : p.position;
    $("position").textContent = pos.toFixed(1);
  }, 250);

  $("chat-form").addEventListener("submit", (e) => {
    e.preventDefault();
    const text = $("chat-input").value.trim();
    if (text) { send({ action: "req", request: { type: 11, text } }); }
    $("chat-input").value = "";
  });
  $("play").addEventListener("click", () => send({ action: "req", request: { type: "play" } }));
  $("pause").addEventListener("click", () => send({ action: "req", request: { type: "pause" } }));
  $("seek-form").addEventListener("submit", (e) => {
    e.preventDefault();
    send({ action: "req", request: { type: "seek", position: Number($("seek-input").value) } });
  });
  $("video-form").addEventListener("submit", (e) => {
    e.preventDefault();
    send({ action: "req", request: { type: "set_video", videoId: $("video-input").value.trim() } });
  });
})();
