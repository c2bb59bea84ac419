// Dossier's import worker: runs after the import island's wasm-bindgen glue (global
// __dossier_import) in a Worker made from a Blob, so it works from file://. One message in,
// one reply out, matched by id. A trap in the wasm (a bug on one page: the wasm aborts on
// panic) is reported as `dead`: the page starts a new worker and goes on without that file.
var imp = null;
self.onmessage = function (e) {
  var m = e.data, reply = {};
  try {
    if (m.type === "init") __dossier_import.initSync({ module: m.wasm });
    else if (m.type === "begin") {
      if (imp) imp.free();
      imp = new __dossier_import.Importer(m.corpus, m.curation || "");
    } else if (m.type === "add") reply.result = imp.add(m.name, new Uint8Array(m.bytes));
    else if (m.type === "finish") {
      reply.corpus = imp.finish();
      imp = null;
    } else if (m.type === "save") reply.text = __dossier_import.save(m.corpus, m.parts);
    else if (m.type === "json") reply.text = __dossier_import.corpusJson(m.corpus);
    else if (m.type === "review") reply.review = __dossier_import.review(m.corpus, m.curation || "");
    else if (m.type === "correct") reply.corpus = __dossier_import.correct(m.corpus, m.corrections, m.curation || "");
    else if (m.type === "curate") {
      var w = m.what, c = __dossier_import.curate(m.corpus, m.curation || "", w.op, w.id || w.from || 0, w.into || 0, w.name || w.kind || w.form || "");
      reply.corpus = c.corpus;
      reply.curation = c.curation;
      c.free();
    }
  } catch (err) {
    reply.error = String((err && err.message) || err);
    reply.dead = err instanceof WebAssembly.RuntimeError;
  }
  reply.id = m.id;
  self.postMessage(reply);
};
