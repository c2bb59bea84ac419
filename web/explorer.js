/* Dossier explorer, embeddable: include this one file with
 *   <script src="explorer.js"></script>
 * and every element with a data-dossier-explorer attribute becomes an explorer (the
 * attribute may hold options as JSON, e.g. data-dossier-explorer='{"compact": true}').
 * Or call Dossier.mount(element, options). Each explorer lives in a shadow root, so the
 * page's CSS and its own never meet. Host pages talk to it with window.postMessage:
 * {type: "dossier:set", q, outlet, origin, actor, from, to} in, "dossier:changed" and
 * "dossier:open" out. Everything is inline: it works offline and from file://.
 */
(function () {
  "use strict";
  if (window.Dossier) return;
  var CSS = /*{{css_json}}*/;
  var WASM = "{{wasm}}";
  var DATA = "{{data}}";
  // Set by `cargo xtask build --allow-origins`: a host's options can narrow it, not widen it.
  var BUILT_ALLOW = /*{{allow_origins}}*/null;
/*{{glue}}*/
/*{{bootstrap}}*/
  var boot = dossierBoot(
    {{glue_factory}},
    function () { return WASM; },
    function () { return DATA; });

  function optionsOf(el) {
    var text = el.getAttribute("data-dossier-explorer");
    if (!text || !text.trim()) return {};
    return JSON.parse(text);
  }

  function mount(el, options) {
    if (!el || !el.attachShadow) throw new Error("Dossier.mount needs an element");
    var shadow = el.shadowRoot || el.attachShadow({ mode: "open" });
    shadow.textContent = "";
    var style = document.createElement("style");
    style.textContent = CSS;
    var root = document.createElement("div");
    root.className = "dossier";
    shadow.append(style, root);
    var opts = Object.assign({}, options || {}, { embedded: true });
    if (BUILT_ALLOW) opts.builtAllowOrigins = BUILT_ALLOW;
    else delete opts.builtAllowOrigins;
    if (el.id && !opts.id) opts.id = el.id;
    // Another corpus than the script's own: the id of a data island in the host page
    // (<script type="application/octet-stream" id="…">, gzip + base64 bundle).
    var island;
    if (typeof opts.data === "string") {
      var source = document.getElementById(opts.data);
      if (!source) {
        boot.fail(root, "The explorer's data island was not found", new Error("no element with id " + JSON.stringify(opts.data)),
          "Fix the data option, or leave it out to show the script's own corpus.");
        return root;
      }
      island = source.textContent;
    }
    delete opts.data;
    boot.mount(root, opts, island);
    return root;
  }

  function mountAll() {
    var els = document.querySelectorAll("[data-dossier-explorer]");
    for (var i = 0; i < els.length; i++) {
      var options;
      try {
        options = optionsOf(els[i]);
      } catch (e) {
        var root = mount(els[i], {});
        boot.fail(root, "The explorer's options are not valid JSON", e, "Fix the data-dossier-explorer attribute.");
        continue;
      }
      mount(els[i], options);
    }
  }

  window.Dossier = { mount: mount };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mountAll);
  else mountAll();
})();
