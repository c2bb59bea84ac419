// Dossier's import, main-thread side: unpacked from the import island the first time the
// reader adds articles (the explorer itself never loads it). The work is done in a Web
// Worker running the island's wasm (the same dossier-corpus pipeline as the CLI); this file
// only reads the files, passes messages, shows progress and results, and remounts the
// explorer on the merged corpus. ctx: {boot, root, options, allowOrigins, island, worker, wasm, panel}.
function __dossierImporter(ctx) {
  "use strict";
  // current: the corpus (bundle bytes); curation: the reader's actor curation as
  // curation.toml text, applied to every file imported after it (and exported for --data).
  var current = null, curation = "", worker = null, seq = 0, pending = {}, busy = false;
  var held = document.getElementById("dossier-curation");
  if (held) curation = held.textContent;
  var panel = ctx.panel;
  var style = document.createElement("style");
  style.textContent =
    ".dossier-import{font:15px/1.4 system-ui,sans-serif;padding:.5rem 1rem;border-bottom:1px solid #ccc}" +
    ".dossier-import progress{width:12rem;vertical-align:middle}" +
    ".dossier-import ol{max-height:12rem;overflow:auto;margin:.25rem 0;font-size:.9em}" +
    ".dossier-import .review-table{max-height:20rem;overflow:auto}.dossier-import td input{width:100%;min-width:6rem}" +
    ".dossier-import [data-status='left out']{color:#a52a1a}.dossier-import [data-status=duplicate]{color:#777}";
  document.head.append(style);

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    for (var k in attrs) e.setAttribute(k, attrs[k]);
    if (text) e.textContent = text;
    return e;
  }
  var progress = el("progress", { role: "progressbar", "aria-label": "Import progress", max: "1", value: "0" });
  var status = el("span", { role: "status", class: "import-status" });
  var list = el("ol", { class: "import-results", "aria-label": "Imported files" });
  var save = el("button", { type: "button", class: "import-save" }, "Save as a new explorer");
  var exp = el("button", { type: "button", class: "import-export" }, "Export corpus");
  panel.append(progress, " ", status, " ", save, " ", exp, list);

  function start() {
    worker = new Worker(URL.createObjectURL(new Blob([ctx.worker], { type: "text/javascript" })));
    worker.onmessage = function (e) {
      var p = pending[e.data.id];
      delete pending[e.data.id];
      if (p) p(e.data);
    };
    worker.onerror = function (e) {
      e.preventDefault();
      stop(e.message || "the import worker stopped");
    };
    return call({ type: "init", wasm: ctx.wasm });
  }
  function stop(message) {
    if (worker) worker.terminate();
    worker = null;
    var all = pending;
    pending = {};
    for (var k in all) all[k]({ error: message, dead: true });
  }
  function call(msg, transfer) {
    return new Promise(function (resolve) {
      msg.id = ++seq;
      pending[msg.id] = resolve;
      worker.postMessage(msg, transfer || []);
    });
  }
  async function ask(msg) {
    if (!worker) await start();
    var r = await call(msg);
    if (r.dead) stop(r.error);
    if (r.error) throw new Error(r.error);
    return r;
  }
  function text(id) {
    return document.getElementById(id).textContent;
  }
  function download(body, name, type) {
    var a = document.createElement("a");
    a.href = URL.createObjectURL(new Blob([body], { type: type }));
    a.download = name;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(a.href); }, 1000);
  }
  function show(r) {
    var li = el("li", { "data-status": r.status }, r.file + ": " + r.status + (r.reason ? " (" + r.reason + ")" : ""));
    list.append(li);
  }

  // Add files: each is read, then processed in the worker one at a time (so progress moves
  // and a file that stops the wasm is left out while the others go on).
  async function add(files) {
    if (busy) return;
    busy = true;
    panel.setAttribute("data-state", "importing");
    try {
      if (!current) current = await ctx.boot.corpus();
      files = Array.prototype.slice.call(files).sort(function (a, b) {
        var x = a.webkitRelativePath || a.name, y = b.webkitRelativePath || b.name;
        return x < y ? -1 : x > y ? 1 : 0;
      });
      progress.max = files.length || 1;
      progress.value = 0;
      var kept = [], added = 0;
      await begin(kept);
      for (var i = 0; i < files.length; i++) {
        var f = files[i], r, bytes = null;
        status.textContent = "Reading " + f.name + " (" + (i + 1) + " of " + files.length + ")";
        try {
          bytes = await f.arrayBuffer();
        } catch (e) {
          r = { result: { file: f.name, status: "left out", reason: "could not be read: " + e.message } };
        }
        if (bytes) {
          if (!worker) await begin(kept);
          r = await call({ type: "add", name: f.name, bytes: bytes });
          if (r.dead) {
            stop(r.error);
            await begin(kept);
            r = { result: { file: f.name, status: "left out", reason: "processing stopped on this file: " + r.error } };
          } else if (r.error) r = { result: { file: f.name, status: "left out", reason: r.error } };
          else if (r.result.status === "added") kept.push({ name: f.name, bytes: bytes });
        }
        if (r.result.status === "added") added++;
        show(r.result);
        progress.value = i + 1;
      }
      var done = await ask({ type: "finish" });
      current = done.corpus;
      status.textContent = added + " of " + files.length + " files added";
      await ctx.boot.mount(ctx.root, ctx.options, current);
    } catch (e) {
      status.textContent = "The import failed: " + e.message + ". The explorer keeps what it had.";
    } finally {
      busy = false;
      panel.setAttribute("data-state", "done");
    }
  }
  // A fresh importer over the explorer's corpus, with the files of this import kept so far
  // (after a worker restart).
  async function begin(kept) {
    await ask({ type: "begin", corpus: current, curation: curation });
    for (var j = 0; j < kept.length; j++) await ask({ type: "add", name: kept[j].name, bytes: kept[j].bytes });
  }

  save.onclick = async function () {
    try {
      if (!current) current = await ctx.boot.corpus();
      var parts = {
        css: text("dossier-css"), glue: text("dossier-glue"), wasm: text("dossier-wasm"),
        importer: ctx.island, allowOrigins: ctx.allowOrigins, curation: curation
      };
      download((await ask({ type: "save", corpus: current, parts: parts })).text, "explorer.html", "text/html");
    } catch (e) {
      status.textContent = "Could not save: " + e.message;
    }
  };
  exp.onclick = async function () {
    try {
      if (!current) current = await ctx.boot.corpus();
      download((await ask({ type: "json", corpus: current })).text, "corpus.json", "application/json");
    } catch (e) {
      status.textContent = "Could not export: " + e.message;
    }
  };
  // Review: the articles' metadata, editable; changes become manifest entries (provenance
  // `manifest`). Curate: merge one actor into another. Both make a new corpus in the worker.
  var box = el("div", { class: "import-review", hidden: "" });
  panel.append(box);
  async function change(msg) {
    try {
      msg.corpus = current;
      msg.curation = curation;
      var r = await ask(msg);
      current = r.corpus;
      if (typeof r.curation === "string") curation = r.curation;
      await ctx.boot.mount(ctx.root, ctx.options, current);
      await review();
    } catch (e) {
      status.textContent = "Not applied: " + e.message;
    }
  }
  async function review() {
    if (!current) current = await ctx.boot.corpus();
    var data = (await ask({ type: "review", corpus: current, curation: curation })).review;
    box.textContent = "";
    box.hidden = false;
    var fields = ["title", "outlet", "origin", "date", "authors"];
    var table = el("table", { "aria-label": "Review the articles" }), head = el("tr");
    ["File"].concat(fields).forEach(function (f) { head.append(el("th", { scope: "col" }, f[0].toUpperCase() + f.slice(1))); });
    table.append(head);
    data.rows.forEach(function (r) {
      var tr = el("tr", { "data-file": r.file });
      tr.append(el("td", {}, r.file));
      fields.forEach(function (f) {
        var v = f === "authors" ? r.authors.join(", ") : r[f] || "";
        var input = el("input", { "data-field": f, "aria-label": f + " of " + r.file, value: v });
        input.dataset.was = v;
        var td = el("td");
        td.append(input);
        tr.append(td);
      });
      table.append(tr);
    });
    var apply = el("button", { type: "button", class: "review-apply" }, "Apply corrections");
    apply.onclick = function () {
      var fixes = [];
      table.querySelectorAll("tr[data-file]").forEach(function (tr) {
        var fix = { file: tr.dataset.file }, any = false;
        tr.querySelectorAll("input").forEach(function (i) {
          if (i.value === i.dataset.was) return;
          any = true;
          var v = i.value.trim();
          fix[i.dataset.field] = i.dataset.field === "authors" ? v.split(",").map(function (a) { return a.trim(); }).filter(Boolean) : v;
        });
        if (any) fixes.push(fix);
      });
      if (fixes.length) change({ type: "correct", corrections: fixes });
    };
    var manifest = el("button", { type: "button", class: "review-manifest" }, "Export manifest.toml");
    manifest.onclick = function () { download(data.manifest, "manifest.toml", "text/plain"); };
    var from = el("select", { class: "merge-from", "aria-label": "Actor to merge" }), into = el("select", { class: "merge-into", "aria-label": "Merge into" });
    data.actors.forEach(function (a) {
      var label = a.name + " (" + a.kind + ", " + a.articles + ")";
      from.append(el("option", { value: a.id }, label));
      into.append(el("option", { value: a.id }, label));
    });
    var merge = el("button", { type: "button", class: "merge-actors" }, "Merge");
    merge.onclick = function () { change({ type: "curate", what: { op: "merge", from: +from.value, into: +into.value } }); };
    // One actor: rename (onto another's name: they merge), change its type, or drop it.
    var one = el("select", { class: "curate-actor", "aria-label": "Actor to curate" });
    data.actors.forEach(function (a) { one.append(el("option", { value: a.id }, a.name + " (" + a.kind + ")")); });
    var name = el("input", { class: "curate-name", "aria-label": "New name" });
    var rename = el("button", { type: "button", class: "curate-rename" }, "Rename");
    rename.onclick = function () { change({ type: "curate", what: { op: "rename", id: +one.value, name: name.value } }); };
    var kind = el("select", { class: "curate-kind", "aria-label": "New type" });
    ["person", "country", "organization", "place"].forEach(function (k) { kind.append(el("option", { value: k }, k)); });
    var retype = el("button", { type: "button", class: "curate-retype" }, "Change type");
    retype.onclick = function () { change({ type: "curate", what: { op: "retype", id: +one.value, kind: kind.value } }); };
    var drop = el("button", { type: "button", class: "curate-drop" }, "Not an actor");
    drop.onclick = function () { change({ type: "curate", what: { op: "drop", id: +one.value } }); };
    // Split a wrong merge: one of the actor's other forms becomes an actor of its own.
    var form = el("select", { class: "curate-form", "aria-label": "Form to split off" });
    function forms() {
      form.textContent = "";
      var a = data.actors.find(function (x) { return String(x.id) === one.value; });
      (a ? a.forms : []).forEach(function (f) { form.append(el("option", { value: f }, f)); });
      split.disabled = !form.options.length;
    }
    var split = el("button", { type: "button", class: "curate-split" }, "Split off");
    split.onclick = function () { if (form.value) change({ type: "curate", what: { op: "split", id: +one.value, form: form.value } }); };
    one.onchange = forms;
    forms();
    var exportCuration = el("button", { type: "button", class: "curate-export" }, "Export curation");
    exportCuration.onclick = function () { download(data.curation, "curation.toml", "text/plain"); };
    var wrap = el("div", { class: "review-table" });
    wrap.append(table);
    box.append(wrap, apply, " ", manifest, el("p", {}, "Merge actor "), from, " into ", into, " ", merge,
      el("p", {}, "Actor "), one, " ", name, " ", rename, " ", kind, " ", retype, " ", drop, " ", form, " ", split,
      el("p", {}, "The curation as a data file for dossier process --data: "), exportCuration);
  }
  // A dropped folder: every file in it and its subfolders (FileSystemEntry API).
  function filesOf(entry) {
    if (!entry) return Promise.resolve([]);
    if (entry instanceof File) return Promise.resolve([entry]);
    if (entry.isFile) return new Promise(function (resolve) { entry.file(function (f) { resolve([f]); }, function () { resolve([]); }); });
    var reader = entry.createReader(), all = [];
    return new Promise(function (resolve) {
      (function next() {
        reader.readEntries(function (batch) {
          if (!batch.length) return Promise.all(all.map(filesOf)).then(function (l) { resolve([].concat.apply([], l)); });
          all = all.concat(Array.prototype.slice.call(batch));
          next();
        }, function () { resolve([]); });
      })();
    });
  }
  async function drop(entries) {
    var lists = await Promise.all(entries.map(filesOf));
    return add([].concat.apply([], lists));
  }
  return { add: add, review: review, drop: drop };
}
