// Dossier's bootstrap, shared by the one-file page (index.html) and the embeddable script
// (explorer.js): unpack the app and the corpus (gzip + Base-122 or base64, inline), compile the wasm once,
// and mount explorers. Any failure is shown in the explorer's root, never silent.
// `glue()` makes a fresh copy of the wasm-bindgen glue (one per explorer instance). In the page,
// `glueText()` gives the glue's own island (gzip + Base-122: a seventh of its text), which is
// unpacked and run as a script before the first `glue()`; the embeddable script has it inline.
// `cssText()`, in the page, gives its stylesheet's island (gzip + Base-122: a third of its
// text), put into `#dossier-style` first; the embeddable script puts its own into each shadow root.
function dossierBoot(glue, wasmText, dataText, glueText, cssText) {
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

  // Island text to bytes: Base-122 after a "~" (crates/corpus/src/b122.rs: 7 bits an ASCII
  // character; 0x100 + (code << 7) + next for the six values that cannot stand), else base64.
  var ILLEGAL = [0, 10, 13, 34, 60, 92];
  function textBytes(text) {
    if (text.charCodeAt(0) !== 126) {
      var raw = atob(text.replace(/\s+/g, ""));
      var b64 = new Uint8Array(raw.length);
      for (var j = 0; j < raw.length; j++) b64[j] = raw.charCodeAt(j);
      return b64;
    }
    var out = new Uint8Array(Math.floor((text.length - 1) * 14 / 8) + 1);
    var acc = 0, bits = 0, o = 0;
    for (var i = 1; i < text.length; i++) {
      var c = text.charCodeAt(i), next = -1;
      if (c >= 128) {
        var x = c - 256, code = x >> 7;
        if (x < 0 || code >= 12) throw new Error("the data island has a character Base-122 does not use");
        if (code & 1) next = x & 127;
        c = ILLEGAL[code >> 1];
      }
      acc = ((acc << 7) | c) & 0x7fff;
      bits += 7;
      if (bits >= 8) { bits -= 8; out[o++] = acc >> bits; acc &= (1 << bits) - 1; }
      if (next >= 0) {
        acc = ((acc << 7) | next) & 0x7fff;
        bits += 7;
        if (bits >= 8) { bits -= 8; out[o++] = acc >> bits; acc &= (1 << bits) - 1; }
      }
    }
    return out.subarray(0, o);
  }

  async function unpack(text, mark) {
    var bytes = textBytes(text);
    // For `cargo xtask bench`: when the corpus island's text was read and turned into bytes.
    if (mark && performance.mark) performance.mark(mark);
    var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
    return new Uint8Array(await new Response(stream).arrayBuffer());
  }

  // An island in zstd (the import island: frames of 256 KB, each after its raw size and its
  // own size, u32 LE) with the explorer's own decoder, in an instance of its own so that no
  // explorer keeps its bytes; a task per frame, so that the page answers between them.
  async function unpackZstd(text) {
    var module = await compile(), helper = glue(), b = textBytes(text), d = new DataView(b.buffer, b.byteOffset);
    var parts = [], at = 0, n = 0;
    helper.initSync({ module: module });
    while (at < b.length) {
      var raw = d.getUint32(at, true), len = d.getUint32(at + 4, true);
      parts.push(helper.unzstd(b.subarray(at + 8, at + 8 + len), raw));
      n += raw;
      at += 8 + len;
      await new Promise(function (r) { setTimeout(r, 0); });
    }
    var out = new Uint8Array(n);
    n = 0;
    parts.forEach(function (p) { out.set(p, n); n += p.length; });
    return out;
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
        if (cssText) document.getElementById("dossier-style").textContent = new TextDecoder().decode(await unpack(cssText()));
        if (glueText) {
          var s = document.createElement("script");
          s.textContent = new TextDecoder().decode(await unpack(glueText()));
          document.head.append(s);
        }
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

  // The corpus: the file's own data island (unpacked once), another island given by text,
  // or bundle bytes (an import's merged corpus).
  function corpus(text) {
    if (text instanceof Uint8Array) return Promise.resolve(text);
    if (text === undefined && shared) return shared;
    var p = (async function () {
      try {
        return await unpack(text === undefined ? dataText() : text, "dossier-data-bytes");
      } catch (e) {
        throw new Failure("The file's embedded data could not be unpacked", e,
          "The file may be truncated or damaged; rebuild it with `cargo xtask build` or download it again.");
      }
    })();
    if (text === undefined) shared = p;
    return p;
  }

  async function mount(root, options, dataIsland) {
    // For `cargo xtask bench`: the page has been parsed up to here (the islands included).
    if (performance.mark) performance.mark("dossier-boot");
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

  return { mount: mount, fail: fail, corpus: corpus, unpack: unpack, unpackZstd: unpackZstd };
}
