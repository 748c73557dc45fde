// The web chat's page script: posts the visitor's actions, builds the bot's answers with DOM
// calls only (no HTML is ever parsed) from the allow-listed tree the server sends.
"use strict";
(() => {
  const log = document.getElementById("log");
  const form = document.getElementById("say");
  const input = document.getElementById("text");
  const xsrf = document.querySelector('meta[name="xsrf"]').content;
  const TAGS = new Set(["b", "i", "u", "s", "code", "pre", "a", "blockquote"]);
  let queue = Promise.resolve();
  let pending = 0;

  function build(parent, nodes) {
    for (const node of nodes) {
      if (typeof node === "string") {
        parent.appendChild(document.createTextNode(node));
      } else if (node && TAGS.has(node.t)) {
        const el = document.createElement(node.t);
        if (node.t === "a") {
          const href = String(node.href || "");
          if (!href.startsWith("https:") && !href.startsWith("http:")) {
            build(parent, node.c || []);   // only web links: the text of anything else
            continue;
          }
          el.href = href;
          el.rel = "noopener noreferrer";
          el.target = "_blank";
        }
        build(el, node.c || []);
        parent.appendChild(el);
      }
    }
  }

  function fill(box, out) {
    // An edit after a press keeps what the message said back above its question (its lead).
    const kept = out.lead.length ? [] : (box.lead || []);
    if (out.lead.length) box.lead = out.lead;
    box.replaceChildren();
    const text = document.createElement("div");
    text.className = "text";
    build(text, kept.length ? [...kept, "\n\n", ...out.nodes] : out.nodes);
    box.appendChild(text);
    if (!out.buttons.length) return;
    const rows = document.createElement("div");
    rows.className = "buttons";
    for (const row of out.buttons) {
      const line = document.createElement("div");
      line.className = "row";
      for (const b of row) {
        const button = document.createElement("button");
        button.type = "button";
        button.className = "choice";
        button.textContent = b.label;
        button.addEventListener("click", () => send("press", {data: b.data}, null, box));
        line.appendChild(button);
      }
      rows.appendChild(line);
    }
    box.appendChild(rows);
  }

  function add(kind, fillWith) {
    const box = document.createElement("div");
    box.className = "msg " + kind;
    fillWith(box);
    log.appendChild(box);
    box.scrollIntoView({block: "end"});
    return box;
  }

  function say(kind, text) {
    return add(kind, (box) => {
      box.textContent = text;
      if (kind === "me") box.dir = "auto";   // "/report" stays "/report" in an Arabic page
    });
  }

  function download(doc) {
    return add("bot document", (box) => {
      const bytes = Uint8Array.from(atob(doc.data), (c) => c.charCodeAt(0));
      const link = document.createElement("a");
      link.href = URL.createObjectURL(new Blob([bytes], {type: doc.type}));
      link.download = doc.filename;
      link.textContent = "⬇ " + doc.filename;
      if (doc.caption) {
        const caption = document.createElement("div");
        caption.textContent = doc.caption;
        box.appendChild(caption);
      }
      box.appendChild(link);
    });
  }

  function relabel(ui) {
    document.title = ui.title;
    document.getElementById("title").textContent = ui.title;
    document.getElementById("menu-label").textContent = ui.menu;
    document.getElementById("answer-label").textContent = ui.answer;
    input.placeholder = ui.answer;
    document.getElementById("send").textContent = ui.send;
    document.getElementById("reminders").textContent = ui.reminders;
    const telegram = document.getElementById("telegram");
    if (telegram) telegram.textContent = ui.telegram;
    document.getElementById("texts").dataset.offline = ui.offline;
    for (const button of document.querySelectorAll("button.command")) {
      button.querySelector(".what").textContent = ui["cmd_" + button.dataset.command.slice(1)];
    }
  }

  function show(data, pressed) {
    if (data.language !== document.documentElement.lang) {
      document.documentElement.lang = data.language;
      document.documentElement.dir = data.dir;
    }
    if (data.ui) relabel(data.ui);
    if (data.edit && pressed) fill(pressed, data.edit);
    else if (pressed) pressed.querySelector(".buttons")?.remove();
    if (data.toast && !data.edit) say("bot toast", data.toast);
    for (const out of data.messages) add("bot", (box) => fill(box, out));
    for (const doc of data.documents) download(doc);
    const focused = document.activeElement;
    if (!focused || focused === document.body) {   // the pressed button is gone: go on from here
      const choices = log.lastElementChild?.querySelectorAll("button.choice") || [];
      (choices.length ? choices[0] : input).focus({preventScroll: true});
    }
  }

  async function post(action, body) {
    const response = await fetch("/api/" + action, {
      method: "POST", credentials: "same-origin",
      headers: {"Content-Type": "application/json", "X-XSRFToken": xsrf,
                "X-Page-Language": document.documentElement.lang},
      body: JSON.stringify(body),
    });
    return [response.ok, await response.json()];
  }

  function send(action, body, echo, pressed) {
    if (echo !== null) say("me", echo);
    pending += 1;
    document.body.dataset.busy = "1";
    queue = queue.then(async () => {
      try {
        const [ok, data] = await post(action, body);
        if (ok) show(data, pressed);
        else say("bot notice", data.error);
      } catch (error) {
        say("bot notice", document.getElementById("texts").dataset.offline);
      } finally {
        pending -= 1;
        if (!pending) document.body.dataset.busy = "0";
      }
    });
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (!text) return;
    input.value = "";
    send("say", {text}, text, null);
  });
  for (const button of document.querySelectorAll("button.command")) {
    button.addEventListener("click", () => {
      document.getElementById("menu").open = false;
      send("say", {text: button.dataset.command}, button.dataset.command, null);
      input.focus();
    });
  }
  const payload = new URLSearchParams(location.search).get("start") || "";
  send("start", {payload}, null, null);
})();
