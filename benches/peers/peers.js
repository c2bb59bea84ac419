// Dossier's JavaScript peers, ItemsJS and MiniSearch, on the corpus and query mix that
// `cargo xtask bench --only peers` exports (target/bench/peers-N.json, from the same synthetic
// corpus and `search::sample_queries` as Dossier's own engine figures).
//
// Node.js:  node benches/peers/peers.js target/bench/peers-10000.json [--peer=itemsjs|minisearch] [--cap-s=180]
// Chromium: target/bench/peers-N.html loads the peers' UMD builds, the corpus as
//           `window.PEERS_DATA`, then this file, which leaves its figures in `window.PEERS_RESULT`.
// Prints one JSON line: {"peers": [{name, build_ms, p50, p95, heap_mb, differs, note}]}.
//
// One query is what Dossier's `Index::search` answers: the matching ids in order AND the counts
// of every facet (outlets, origins, actors, months and undated), each facet's counts under every
// filter but its own (disjunctive, as the explorer shows them). Five rounds of the mix, each
// query timed with performance.now(), p50 and p95 over all of them, as in Dossier's figures.
// The index build is timed from the parsed JSON articles (the corpus decode is not counted for
// anyone). Each peer's answers are compared with Dossier's (match count, outlet counts, top
// actors, months): a difference is listed in `differs`, not hidden.
//
// What each peer does differently (the harness picks the closest options each one has):
// - ItemsJS: facets are its own (bitset aggregations; outlet, origin and actors OR-ed with
//   `conjunction: false`, actors AND-ed through its runtime `facets` option, whose actor counts
//   are then within the results, exclusions through `not_filters`, which also empty the
//   excluded value's own bucket where Dossier still counts it). Full text is its native
//   index, the lunr 1.0 it inlines, over title and body with `isExactSearch` (no stemmer, no
//   stop words, closest to Dossier's plain words): lunr 1.0 splits on spaces and hyphens only,
//   ANDs the words, expands EVERY word as a prefix (Dossier: only the last, while typing) and
//   ranks by TF-IDF. It has no phrases and no date ranges: a phrase's words are required and
//   the phrase is then checked in a `filter` function on the lower-cased text; a date range is
//   a `filter` function too (without text, the ids it lets through, given as `ids`: ItemsJS
//   2.4.4 loses every item when a `filter` comes without a `query`), which ItemsJS applies
//   before every facet, so the month counts of a query with a date range take a second search
//   without it (timed as part of the query). It has no undated count. Without text, newest
//   first through a `sortings` entry, as Dossier; with text, ItemsJS's own order.
// - MiniSearch: full text only (its own BM25 over title and body, words AND-ed, the last word
//   as a prefix with no cap where Dossier expands at most 64 words). It has no phrase search:
//   a phrase's words are AND-ed and the phrase checked on the lower-cased text, as Dossier
//   does. It has no facets: filters and all four facets' counts are done here in plain JS in
//   one pass over the text matches (or every article without text), with the actor names
//   mapped to numbers at build time (counted in its build time).

'use strict';

(function () {
  const inNode = typeof window === 'undefined';
  let ItemsJS, MiniSearch, data;
  const opts = { peer: null, capS: 180 };
  if (inNode) {
    const path = require('path');
    const npm = path.join(__dirname, '../../target/npm/node_modules');
    ItemsJS = require(path.join(npm, 'itemsjs'));
    MiniSearch = require(path.join(npm, 'minisearch/dist/cjs/index.cjs'));
    for (const a of process.argv.slice(3)) {
      if (a.startsWith('--peer=')) opts.peer = a.slice(7);
      if (a.startsWith('--cap-s=')) opts.capS = Number(a.slice(8));
    }
    data = JSON.parse(require('fs').readFileSync(process.argv[2], 'utf8'));
  } else {
    ItemsJS = window.itemsjs;
    MiniSearch = window.MiniSearch;
    data = window.PEERS_DATA;
  }
  const now = () => performance.now();
  const gc = () => { if (typeof global !== 'undefined' && global.gc) global.gc(); };
  const heap = () => {
    if (inNode) return process.memoryUsage().heapUsed;
    return performance.memory ? performance.memory.usedJSHeapSize : null; // coarse in Chromium
  };

  const articles = data.articles;
  const queries = data.queries;

  // Dossier's query text: "quoted phrases", words (split on anything not a letter or digit,
  // lower-cased), and whether the last word is still being typed (no space or quote after it).
  function parseText(text) {
    const phrases = [];
    let rest = '';
    let cur = '';
    let inQuote = false;
    for (const c of text) {
      if (c === '"' || c === '“' || c === '”') {
        if (inQuote && cur.trim()) phrases.push(cur.trim().toLowerCase());
        cur = '';
        inQuote = !inQuote;
      } else if (inQuote) cur += c;
      else rest += c;
    }
    if (inQuote && cur.trim()) phrases.push(cur.trim().toLowerCase());
    const words = terms(rest);
    const typing = !/\s$/u.test(text) && !/["”]$/u.test(text.trimEnd());
    return { phrases, words, typing };
  }
  const terms = (s) => s.split(/[^\p{L}\p{N}]+/u).filter(Boolean).map((w) => w.toLowerCase());
  const lowerText = (a) => (a.title + '\n' + a.body).toLowerCase();

  // Newest and oldest orders as Dossier keeps them (start day, undated last, then id).
  function dateOrders() {
    const key = articles.map((a) => (a.days ? a.days[0] : 0));
    const ids = articles.map((_, i) => i);
    const newest = ids.slice().sort((a, b) => key[b] - key[a] || a - b);
    const oldest = ids.slice().sort((a, b) => (key[a] === 0) - (key[b] === 0) || key[a] - key[b] || a - b);
    return { newest, oldest };
  }
  const inDateRange = (q) => (a) => !!a.days && a.days[0] <= (q.to_day ?? Infinity) && a.days[1] >= (q.from_day ?? 0);
  const hasRange = (q) => q.from_day != null || q.to_day != null;
  const byCount = (m) => Array.from(m, ([value, count]) => ({ value, count })).sort((x, y) => y.count - x.count || (x.value < y.value ? -1 : 1));

  // ---------------------------------------------------------------- MiniSearch + JS facets
  function miniSearch() {
    const ms = new MiniSearch({ fields: ['title', 'body'], idField: 'id' });
    ms.addAll(articles);
    const texts = articles.map(lowerText);
    const actorId = new Map();
    const actorNames = [];
    const actorsOf = articles.map((a) =>
      Int32Array.from(a.actors, (name) => {
        let id = actorId.get(name);
        if (id === undefined) {
          id = actorNames.length;
          actorId.set(name, id);
          actorNames.push(name);
        }
        return id;
      }),
    );
    const orders = dateOrders();
    const single = (sel, field) => {
      if (!sel.include.length && !sel.exclude.length) return null;
      const inc = new Set(sel.include);
      const exc = new Set(sel.exclude);
      return (i) => (inc.size === 0 || inc.has(articles[i][field])) && !exc.has(articles[i][field]);
    };

    function search(q) {
      // Text: MiniSearch's AND query, phrases checked on the lower-cased text.
      const { phrases, words, typing } = parseText(q.text);
      let cand = null;
      let ranked = null;
      if (words.length || phrases.length) {
        const all = words.concat(...phrases.map(terms));
        const last = words.length - 1;
        const hits = ms.search(all.join(' '), { combineWith: 'AND', prefix: (_t, i) => typing && i === last });
        ranked = [];
        for (const h of hits) {
          const i = h.id;
          if (phrases.every((p) => texts[i].includes(p))) ranked.push(i);
        }
        cand = ranked;
      }
      // Filters, in facet order: outlet, origin, actors, dates.
      const sel = q.actors;
      const inc = sel.include.map((n) => actorId.get(n) ?? -1);
      const exc = new Set(sel.exclude.map((n) => actorId.get(n) ?? -1));
      const actorTest = !sel.include.length && !sel.exclude.length ? null : (i) => {
        const mine = actorsOf[i];
        for (const x of mine) if (exc.has(x)) return false;
        if (!inc.length) return true;
        return q.actor_mode === 'and' ? inc.every((x) => mine.includes(x)) : inc.some((x) => mine.includes(x));
      };
      const range = hasRange(q) ? inDateRange(q) : null;
      const tests = [single(q.outlets, 'outlet'), single(q.origins, 'origin'), actorTest, range && ((i) => range(articles[i]))];
      const outlets = new Map();
      const origins = new Map();
      const actorCounts = new Int32Array(actorNames.length);
      const months = new Map();
      let undated = 0;
      const matched = new Uint8Array(articles.length);
      let nMatched = 0;
      const visit = (i) => {
        let failed = -1;
        for (let k = 0; k < 4; k++) {
          if (tests[k] && !tests[k](i)) {
            if (failed >= 0) return;
            failed = k;
          }
        }
        const a = articles[i];
        if (failed < 0) {
          matched[i] = 1;
          nMatched++;
        }
        if (failed < 0 || failed === 0) outlets.set(a.outlet, (outlets.get(a.outlet) || 0) + 1);
        if ((failed < 0 || failed === 1) && a.origin != null) origins.set(a.origin, (origins.get(a.origin) || 0) + 1);
        if (failed < 0 || failed === 2) for (const x of actorsOf[i]) actorCounts[x]++;
        if (failed < 0 || failed === 3) {
          if (a.month) months.set(a.month, (months.get(a.month) || 0) + 1);
          else if (!a.days) undated++;
        }
      };
      if (cand) for (const i of cand) visit(i);
      else for (let i = 0; i < articles.length; i++) visit(i);
      let ids;
      if (ranked && q.sort === 'relevance') ids = ranked.filter((i) => matched[i]);
      else ids = (q.sort === 'oldest' ? orders.oldest : orders.newest).filter((i) => matched[i]);
      const actors = [];
      for (let x = 0; x < actorCounts.length; x++) if (actorCounts[x]) actors.push({ value: actorNames[x], count: actorCounts[x] });
      actors.sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : 1));
      return { ids, matches: nMatched, outlets: byCount(outlets), origins: byCount(origins), actors, months: byCount(months), undated };
    }
    return search;
  }

  // ---------------------------------------------------------------- ItemsJS
  function itemsJS() {
    const items = articles.map((a) => ({
      id: a.id + 1, // ItemsJS drops an item whose id is 0 from its `ids` map
      outlet: a.outlet,
      origin: a.origin,
      // Names as single tokens: ItemsJS's boolean facet queries (used for actors AND) do not
      // parse quoted values with spaces. Only the checks map them back.
      actors: a.actors.map((n) => n.replace(/ /g, '_')),
      month: a.month,
      title: a.title,
      body: a.body,
      start: a.days ? a.days[0] : -1,
      days: a.days,
      text: lowerText(a), // for phrase checks, as Dossier keeps its lower-cased texts
    }));
    const big = 1e6; // every bucket, as Dossier returns every count
    const engine = ItemsJS(items, {
      aggregations: {
        // Chosen values not lifted to the top: buckets by count, as Dossier's.
        outlet: { conjunction: false, size: big, chosen_filters_on_top: false },
        origin: { conjunction: false, size: big, chosen_filters_on_top: false },
        actors: { conjunction: false, size: big, chosen_filters_on_top: false },
        month: { conjunction: false, size: big, chosen_filters_on_top: false },
      },
      sortings: { newest: { field: ['start', 'id'], order: ['desc', 'asc'] }, oldest: { field: ['start', 'id'], order: ['asc', 'asc'] } },
      searchableFields: ['title', 'body'],
      isExactSearch: true,
    });

    function search(q) {
      const { phrases, words, typing } = parseText(q.text);
      // lunr 1.0 intersects its words and expands each as a prefix: no syntax to add.
      const lunr = words.concat(...phrases.map(terms));
      const range = hasRange(q) ? inDateRange(q) : null;
      const phrase = phrases.length ? (it) => phrases.every((p) => it.text.includes(p)) : null;
      const filterWith = (withRange) => {
        const fs = [withRange && range, phrase].filter(Boolean);
        return fs.length ? (it) => fs.every((f) => f(it)) : undefined;
      };
      const actorsIn = q.actors.include.map((n) => n.replace(/ /g, '_'));
      const base = {
        per_page: articles.length,
        query: lunr.length ? lunr.join(' ') : undefined,
        sort: q.sort === 'oldest' ? 'oldest' : q.sort === 'newest' || !lunr.length ? 'newest' : undefined,
        not_filters: { outlet: q.outlets.exclude, origin: q.origins.exclude, actors: q.actors.exclude.map((n) => n.replace(/ /g, '_')) },
        // OR within a facet through the configured `conjunction: false` (disjunctive counts);
        // actors AND through the runtime `facets` option, whose counts are within the results.
        filters: { outlet: q.outlets.include, origin: q.origins.include, actors: q.actor_mode === 'and' ? [] : actorsIn },
        facets: q.actor_mode === 'and' && actorsIn.length ? { actors: { selected: actorsIn, options: { conjunction: 'AND' } } } : undefined,
      };
      // ItemsJS 2.4.4 drops every item when a `filter` function comes without a `query` (it
      // spreads a Map iterator with concat), so a date range without text is given as `ids`.
      const run = (withRange, extra) => {
        const f = filterWith(withRange);
        if (f && !base.query) return engine.search({ ...base, ...extra, ids: items.filter(f).map((it) => it.id) });
        return engine.search({ ...base, ...extra, filter: f });
      };
      const r = run(true, {});
      let monthAgg = r.data.aggregations.month;
      if (range) {
        // Months under every filter but the date range: a second search without it.
        monthAgg = run(false, { per_page: 0, sort: undefined }).data.aggregations.month;
      }
      const buckets = (agg) => agg.buckets.filter((b) => b.doc_count > 0 && b.key !== 'null' && b.key !== 'undefined').map((b) => ({ value: b.key, count: b.doc_count }));
      return {
        ids: r.data.items.map((it) => it.id - 1),
        matches: r.pagination.total,
        outlets: buckets(r.data.aggregations.outlet),
        origins: buckets(r.data.aggregations.origin),
        actors: buckets(r.data.aggregations.actors),
        months: buckets(monthAgg),
        undated: null,
      };
    }
    return search;
  }

  // ---------------------------------------------------------------- timing and checks
  // Where a peer's answer differs from Dossier's: match count, outlet counts, the ten most
  // frequent actors, the month total.
  function differences(search) {
    const out = [];
    queries.forEach((q, k) => {
      const r = search(q);
      const d = q.dossier;
      const what = [];
      if (r.matches !== d.matches) what.push(`matches ${r.matches} vs ${d.matches}`);
      const key = (l) => l.filter((c) => c.count > 0).map((c) => c.value + ':' + c.count).sort().join(','); // Dossier lists zeros too
      if (key(r.outlets) !== key(d.outlets)) what.push('outlet counts');
      if (r.actors.slice(0, 10).map((c) => c.count).join(',') !== d.actors.map((c) => c.count).join(',')) what.push('top actor counts');
      const sum = (l) => l.reduce((s, c) => s + c.count, 0);
      if (sum(r.months) !== d.months) what.push(`months ${sum(r.months)} vs ${d.months}`);
      if (what.length) out.push(`q${k} ${JSON.stringify(q.text)}: ${what.join(', ')}`);
    });
    return out;
  }

  function pct(times, p) {
    const s = times.slice().sort((a, b) => a - b);
    return s[Math.min(s.length - 1, Math.floor(s.length * p))];
  }

  function measure(name, make) {
    gc();
    const before = heap();
    const t0 = now();
    let search;
    try {
      search = make();
    } catch (e) {
      return { name, note: 'failed: ' + e };
    }
    const build = now() - t0;
    gc();
    const after = heap();
    const heapMb = before != null && after != null ? (after - before) / 1e6 : null;
    if (build > opts.capS * 1000) return { name, build_ms: build, note: `did not finish: index build took ${(build / 1000).toFixed(0)} s, over the ${opts.capS} s cap` };
    const times = [];
    for (let round = 0; round < 5; round++) {
      for (const q of queries) {
        const t = now();
        const r = search(q);
        times.push(now() - t);
        if (r.ids.length !== r.matches) throw new Error(`${name}: ids and count disagree`);
      }
    }
    return { name, build_ms: build, p50: pct(times, 0.5), p95: pct(times, 0.95), queries: times.length, mix: queries.length, heap_mb: heapMb, differs: differences(search) };
  }

  function main() {
  const all = [
    ['ItemsJS', 'itemsjs', itemsJS],
    ['MiniSearch', 'minisearch', miniSearch],
  ];
  const peers = [];
  for (const [name, key, make] of all) {
    if (opts.peer && opts.peer !== key) continue;
    peers.push(measure(name, make));
  }
  const result = { articles: articles.length, env: inNode ? 'Node.js ' + process.version : navigator.userAgent, peers };
  if (inNode) console.log(JSON.stringify(result));
  else window.PEERS_RESULT = result;
  }
  // In a page, after the load event, so that WebDriver's navigation returns first.
  if (inNode) main();
  else window.addEventListener('load', () => setTimeout(main, 50));
})();
