// Dossier's bootstrap, shared by the one-file page (index.html) and the embeddable script
// (explorer.js): unpack the app and the corpus (gzip + base64, inline), compile the wasm once,
// and mount explorers. Any failure is shown in the explorer's root, never silent.
// `glue()` makes a fresh copy of the wasm-bindgen glue (one per explorer instance).
function dossierBoot(glue, wasmText, dataText) {
  "use strict";
  var compiled = null, shared = null;

  function fail(root, what, error, advice) {
    root.setAttribute("data-state", "error");
    root.textContent = "";
    var box = document.createElement("div");
    box.className = "boot-error";
    box.setAttribute("role", "alert");
    var h = document.createElement("h1");
    h.textContent = "The explorer could not start";
    var p = document.createElement("p");
    p.textContent = what + ": " + (error && error.message ? error.message : String(error)) + ".";
    var a = document.createElement("p");
    a.textContent = advice;
    box.append(h, p, a);
    root.append(box);
  }

  function Failure(what, error, advice) {
    this.what = what;
    this.error = error;
    this.advice = advice;
  }

  async function unpack(text) {
    var raw = atob(text.replace(/\s+/g, ""));
    var bytes = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
    var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
    return new Uint8Array(await new Response(stream).arrayBuffer());
  }

  // The wasm is compiled once, however many explorers the page mounts; each explorer gets an
  // instance of its own (its own memory and glue), so a failure in one cannot stop another.
  function compile() {
    if (compiled) return compiled;
    compiled = (async function () {
      if (typeof WebAssembly !== "object" || typeof DecompressionStream !== "function") {
        throw new Failure("This browser is missing a feature", new Error("WebAssembly or DecompressionStream is not available"),
          "Open the file in a current version of Chrome, Edge, Firefox or Safari.");
      }
      var bytes;
      try {
        bytes = await unpack(wasmText());
      } catch (e) {
        throw new Failure("The file's embedded data could not be unpacked", e,
          "The file may be truncated or damaged; rebuild it with `cargo xtask build` or download it again.");
      }
      try {
        return await WebAssembly.compile(bytes);
      } catch (e) {
        throw new Failure("The browser refused to run the explorer's WebAssembly", e,
          "If this page is embedded or served with its own Content-Security-Policy, allow 'wasm-unsafe-eval' for scripts.");
      }
    })();
    return compiled;
  }

  // The corpus: the file's own data island (unpacked once), or another island given by text.
  function corpus(text) {
    if (text === undefined && shared) return shared;
    var p = (async function () {
      try {
        return await unpack(text === undefined ? dataText() : text);
      } catch (e) {
        throw new Failure("The file's embedded data could not be unpacked", e,
          "The file may be truncated or damaged; rebuild it with `cargo xtask build` or download it again.");
      }
    })();
    if (text === undefined) shared = p;
    return p;
  }

  async function mount(root, options, dataIsland) {
    root.setAttribute("data-state", "loading");
    // The theme before the first paint; the app keeps it up to date.
    var dark = options && options.theme ? options.theme === "dark" : !!(window.matchMedia && matchMedia("(prefers-color-scheme: dark)").matches);
    root.setAttribute("data-theme", dark ? "dark" : "light");
    var module, data, instance;
    try {
      var parts = await Promise.all([compile(), corpus(dataIsland)]);
      module = parts[0];
      data = parts[1];
      if (performance.mark) performance.mark("dossier-unpacked");
      instance = glue();
      try {
        var exports = instance.initSync({ module: module });
        // For `cargo xtask bench`: the size of this explorer's wasm linear memory.
        root.dossierWasmBytes = function () { return exports.memory.buffer.byteLength; };
      } catch (e) {
        throw new Failure("The browser refused to run the explorer's WebAssembly", e,
          "If this page is embedded or served with its own Content-Security-Policy, allow 'wasm-unsafe-eval' for scripts.");
      }
    } catch (e) {
      if (e instanceof Failure) fail(root, e.what, e.error, e.advice);
      else fail(root, "The explorer could not start", e, "Rebuild the file with `cargo xtask build`.");
      return;
    }
    try {
      instance.mount(root, data, options);
      // For `cargo xtask bench`: time from navigation to a usable explorer.
      if (performance.mark) performance.mark("dossier-ready");
    } catch (e) {
      fail(root, "The corpus could not be loaded", e, "Rebuild the file with `cargo xtask build`.");
    }
  }

  return { mount: mount, fail: fail };
}
