//! Import in the page (issue #15): an empty explorer takes the seed dumps (and a file it
//! cannot read), lists what became of each, switches to the merged corpus, and saves a new
//! explorer that is byte-identical to the one `cargo xtask build` makes of the same files and
//! opens with the same articles.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use dossier_corpus::{Corpus, SCHEMA_VERSION, bundle};
use fantoccini::{Client, Locator};
use serde_json::Value;

use crate::page::{self, Res, ensure, js};
use crate::scenarios::{Context, Fut, Scenario};

pub const ALL: &[(&str, Scenario)] =
    &[("import_seeds_into_an_empty_explorer_and_save", import_and_save), ("pasted_text_and_dropped_files_are_imported", paste_and_drop)];

/// An invented article (not from any corpus).
const PASTED: &str = "Harbour Reopens After Storm Repairs\n\nBy Lena Fischer\n\nMay 14, 2023\n\nThe harbour of the coastal town reopened to fishing boats on Sunday after three weeks of repairs to the storm-damaged pier, the port authority said.\n\nWorkers replaced more than two hundred wooden piles and rebuilt the outer breakwater, which had been breached during the April storm.\n\nFishermen said the closure had cost them most of the spring season, and the town council has promised a fund to cover part of their losses.\n";

fn paste_and_drop<'a>(client: &'a Client, _: &'a Context) -> Fut<'a> {
    Box::pin(async move {
        let empty = page::variant_with_corpus(&Corpus { schema_version: SCHEMA_VERSION, ..Corpus::default() }, "import-empty.html")?;
        page::open_ready(client, &page::file_url(&empty)).await?;
        // Some engines give a script-made paste or drop event no data (only a user's carries it):
        // where a probe event shows that, that part cannot be tested here.
        let paste_works = js(client, "var ok = false, d = document.createElement('div'); d.addEventListener('paste', e => { ok = !!e.clipboardData && e.clipboardData.getData('text/plain') === 'x'; }); var dt = new DataTransfer(); dt.setData('text/plain', 'x'); d.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt })); return ok").await? == true;
        let drop_works = js(client, "var ok = false, d = document.createElement('div'); d.addEventListener('drop', e => { var i = e.dataTransfer && e.dataTransfer.items[0]; ok = !!i && !!(i.webkitGetAsEntry() || i.getAsFile()); }); var dt = new DataTransfer(); dt.items.add(new File(['x'], 'x.txt')); d.dispatchEvent(new DragEvent('drop', { dataTransfer: dt })); return ok").await? == true;
        ensure(paste_works || drop_works, || "this engine delivers neither a script-made paste nor drop: nothing to test".into())?;
        let mut articles = 0;
        let text = serde_json::to_string(PASTED).unwrap_or_default();
        if paste_works {
            js(
                client,
                &format!(
                    "var dt = new DataTransfer(); dt.setData('text/plain', {text}); document.getElementById('dossier-import').dispatchEvent(new ClipboardEvent('paste', {{ clipboardData: dt, bubbles: true }})); return 0"
                ),
            )
            .await?;
            articles += 1;
            wait_long(client, "document.getElementById('dossier').dataset.articles === '1' && document.getElementById('dossier').dataset.state === 'ready'", "the pasted article").await?;
        }
        if drop_works {
            // The same text under another name is a duplicate (when it was pasted); a new one is added.
            let other = serde_json::to_string(&PASTED.replace("harbour", "marina").replace("Harbour", "Marina").replace("pier", "jetty"))
                .unwrap_or_default();
            js(
                client,
                &format!(
                    "var dt = new DataTransfer(); dt.items.add(new File([{text}], 'same.txt')); dt.items.add(new File([{other}], 'marina.txt')); document.getElementById('dossier-import').dispatchEvent(new DragEvent('drop', {{ dataTransfer: dt, bubbles: true, cancelable: true }})); return 0"
                ),
            )
            .await?;
            articles = 2;
            let rows = if paste_works { 3 } else { 2 };
            wait_long(
                client,
                &format!("document.getElementById('dossier').dataset.articles === '{articles}' && document.querySelectorAll('.import-results li').length === {rows}"),
                "the dropped files",
            )
            .await?;
            let statuses =
                js(client, "return Array.from(document.querySelectorAll('.import-results li')).map(li => li.dataset.status)").await?;
            let want = if paste_works { serde_json::json!(["added", "added", "duplicate"]) } else { serde_json::json!(["added", "added"]) };
            ensure(statuses == want, || format!("per-file results: {statuses}"))?;
        }
        let shown = page::attr(client, "#dossier", "data-articles").await?;
        ensure(shown.as_deref() == Some(&articles.to_string()), || format!("data-articles is {shown:?}, expected {articles}"))?;
        let errors = js(client, "return window.__dossierErrors").await?;
        ensure(errors.as_array().is_some_and(|a| a.is_empty()), || format!("script errors: {errors}"))
    })
}

/// Like `page::wait_for`, with room for the first import (unpacking and compiling the island).
async fn wait_long(client: &Client, expr: &str, what: &str) -> Res {
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        if js(client, &format!("return !!({expr});")).await? == Value::Bool(true) {
            return Ok(());
        }
        if Instant::now() > deadline {
            let text = js(client, "return document.body.innerText.slice(0, 1500)").await?;
            return Err(format!("timed out waiting for {what} ({expr}); page says: {text}"));
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// The seed dumps (corpus/*.txt), in name order.
fn seed_files() -> Res<Vec<PathBuf>> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(page::workspace().join("corpus"))
        .map_err(|e| e.to_string())?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    Ok(files)
}

fn import_and_save<'a>(client: &'a Client, _: &'a Context) -> Fut<'a> {
    Box::pin(async move {
        let empty = page::variant_with_corpus(&Corpus { schema_version: SCHEMA_VERSION, ..Corpus::default() }, "import-empty.html")?;
        let empty_html = std::fs::read_to_string(&empty).map_err(|e| e.to_string())?;
        page::open_ready(client, &page::file_url(&empty)).await?;
        let invitation = js(client, "return document.querySelector('#dossier [role=status]').textContent").await?;
        ensure(invitation.as_str().is_some_and(|t| t.contains("Add articles")), || format!("no invitation to import: {invitation}"))?;
        js(client, "window.__blobs = []; const o = URL.createObjectURL; URL.createObjectURL = function (b) { window.__blobs.push(b); return o.call(URL, b); }; return 0").await?;

        // The five seed dumps and a file that is not a page.
        let seeds = seed_files()?;
        ensure(seeds.len() == 5, || format!("expected the five seed dumps, found {seeds:?}"))?;
        let bad = page::temp_dir("import")?.join("notes.pdf");
        std::fs::write(&bad, b"%PDF-1.4 not a page").map_err(|e| e.to_string())?;
        let paths: Vec<String> = seeds.iter().chain([&bad]).map(|p| p.display().to_string()).collect();
        let input = client.find(Locator::Id("dossier-add")).await.map_err(|e| format!("no Add articles input: {e}"))?;
        input.send_keys(&paths.join("\n")).await.map_err(|e| format!("cannot choose the files: {e}"))?;

        // What the CLI makes of the same files (no manifest): what the page must show.
        let inputs: Vec<dossier_corpus::process::Input> = seeds
            .iter()
            .map(|p| {
                let name = p.file_name().unwrap_or_default().to_string_lossy().into_owned();
                dossier_corpus::process::Input::new(name, std::fs::read(p).unwrap_or_default())
            })
            .collect();
        let expected = dossier_corpus::process::process(&inputs, None, |_| {}).corpus;
        let n = expected.articles.len();
        wait_long(
            client,
            &format!("document.getElementById('dossier-import').dataset.state === 'done' && document.getElementById('dossier').dataset.articles === '{n}'"),
            "the import to finish and the explorer to show its articles",
        )
        .await?;
        let rows =
            js(client, "return Array.from(document.querySelectorAll('.import-results li')).map(li => [li.dataset.status, li.textContent])")
                .await?;
        let rows = rows.as_array().cloned().unwrap_or_default();
        let status = |s: &str| rows.iter().filter(|r| r[0] == s).count();
        ensure(rows.len() == 6 && status("added") == 5 && status("left out") == 1, || format!("per-file results: {rows:?}"))?;
        ensure(
            rows.iter()
                .any(|r| r[0] == "left out" && r[1].as_str().is_some_and(|t| t.contains("notes.pdf: left out (") && t.contains(".txt"))),
            || format!("the bad file is not listed with its reason: {rows:?}"),
        )?;
        let progress = js(client, "var p = document.querySelector('#dossier-import [role=progressbar]'); return [p.value, p.max]").await?;
        ensure(progress == serde_json::json!([6, 6]), || format!("progress is {progress}"))?;
        wait_long(client, "document.getElementById('dossier').dataset.state === 'ready'", "the explorer on the merged corpus").await?;
        let shown = js(client, "return document.querySelectorAll('[data-results] > .result').length").await?;
        ensure(shown == n, || format!("{shown} results shown after the import, expected {n}"))?;

        // Importing the same files again adds nothing: they are duplicates.
        input.send_keys(&paths[0]).await.map_err(|e| e.to_string())?;
        wait_long(client, "document.querySelectorAll('.import-results li').length === 7 && document.getElementById('dossier-import').dataset.state === 'done'", "the second import").await?;
        let last = js(client, "var l = document.querySelectorAll('.import-results li'); return l[l.length - 1].dataset.status").await?;
        ensure(last == "duplicate", || format!("a file imported twice is {last}, not a duplicate"))?;

        // Review: correct one article's date (a manifest entry), then merge two actors.
        client.find(Locator::Id("dossier-review")).await.map_err(|e| e.to_string())?.click().await.map_err(|e| e.to_string())?;
        wait_long(client, &format!("document.querySelectorAll('.import-review tr[data-file]').length === {n}"), "the review table").await?;
        let file = expected.articles[0].file.clone();
        let fix = dossier_importer::Correction { file: file.clone(), date: Some("2020-05".into()), ..Default::default() };
        let date_input = format!("tr[data-file=\"{file}\"] input[data-field=date]");
        let input_el = client.find(Locator::Css(&date_input)).await.map_err(|e| format!("no date cell for {file}: {e}"))?;
        input_el.clear().await.map_err(|e| e.to_string())?;
        input_el.send_keys("2020-05").await.map_err(|e| e.to_string())?;
        client.find(Locator::Css(".review-apply")).await.map_err(|e| e.to_string())?.click().await.map_err(|e| e.to_string())?;
        let (corrected, warnings) = dossier_importer::correct(&bundle::encode(&expected), std::slice::from_ref(&fix))?;
        ensure(warnings.is_empty(), || format!("the correction is refused: {warnings:?}"))?;
        wait_long(
            client,
            &format!("(document.querySelector('{}') || {{}}).dataset?.was === '2020-05'", date_input.replace('\'', "\\'")),
            "the corrected date",
        )
        .await?;
        let actors = dossier_importer::review(&corrected)?.actors;
        ensure(actors.len() >= 2, || format!("the seeds have {} actors", actors.len()))?;
        let (from, into) = (actors[1].clone(), actors[0].clone());
        js(
            client,
            &format!(
                "document.querySelector('.merge-from').value = '{}'; document.querySelector('.merge-into').value = '{}'; return 0",
                from.id, into.id
            ),
        )
        .await?;
        client.find(Locator::Css(".merge-actors")).await.map_err(|e| e.to_string())?.click().await.map_err(|e| e.to_string())?;
        wait_long(client, &format!("document.querySelectorAll('.merge-from option').length === {}", actors.len() - 1), "the merged actors")
            .await?;
        // The page records each step in its curation; the same steps natively give what it must show.
        let mut curation = dossier_importer::ActorCuration::default();
        let merged = dossier_importer::curate_recorded(
            &corrected,
            &mut curation,
            &dossier_importer::Curation::Merge { from: from.id, into: into.id },
        )?;
        // And rename the merged actor.
        let renamed_to = format!("{} (curated)", into.name);
        let merged_id = bundle::decode(&merged)
            .map_err(|e| e.to_string())?
            .actors
            .iter()
            .find(|a| a.name == into.name)
            .map(|a| a.id)
            .ok_or("the merged actor is gone")?;
        js(client, &format!("document.querySelector('.curate-actor').value = '{merged_id}'; return 0")).await?;
        let name_el = client.find(Locator::Css(".curate-name")).await.map_err(|e| e.to_string())?;
        name_el.send_keys(&renamed_to).await.map_err(|e| e.to_string())?;
        client.find(Locator::Css(".curate-rename")).await.map_err(|e| e.to_string())?.click().await.map_err(|e| e.to_string())?;
        let quoted = serde_json::to_string(&renamed_to).unwrap_or_default();
        wait_long(
            client,
            &format!("Array.from(document.querySelectorAll('.curate-actor option')).some(o => o.textContent.startsWith({quoted}))"),
            "the renamed actor",
        )
        .await?;
        let merged = dossier_importer::curate_recorded(
            &merged,
            &mut curation,
            &dossier_importer::Curation::Rename { id: merged_id, name: renamed_to.clone() },
        )?;
        // Split one of its forms (not the merged actor's name) off into an actor of its own.
        let renamed =
            dossier_importer::review(&merged)?.actors.into_iter().find(|a| a.name == renamed_to).ok_or("the renamed actor is gone")?;
        let form =
            renamed.forms.iter().find(|f| **f != from.name).cloned().ok_or_else(|| format!("{renamed_to} has no form to split off"))?;
        let merged = dossier_importer::curate_recorded(
            &merged,
            &mut curation,
            &dossier_importer::Curation::Split { id: renamed.id, form: form.clone() },
        )?;
        let after_split = dossier_importer::review(&merged)?.actors.len();
        js(
            client,
            &format!(
                "var s = document.querySelector('.curate-actor'); s.value = '{}'; s.dispatchEvent(new Event('change')); document.querySelector('.curate-form').value = {}; return 0",
                renamed.id,
                serde_json::to_string(&form).unwrap_or_default()
            ),
        )
        .await?;
        client.find(Locator::Css(".curate-split")).await.map_err(|e| e.to_string())?.click().await.map_err(|e| e.to_string())?;
        wait_long(client, &format!("document.querySelectorAll('.merge-from option').length === {after_split}"), "the split-off form")
            .await?;
        let expected = bundle::decode(&merged).map_err(|e| e.to_string())?;
        ensure(expected.actors.iter().any(|a| a.name == form), || format!("{form} is not an actor after the split"))?;

        // Export curation: the file dossier process --data reads, with the steps taken.
        client.find(Locator::Css(".curate-export")).await.map_err(|e| e.to_string())?.click().await.map_err(|e| e.to_string())?;
        wait_long(client, "window.__blobs.some(b => b.type === 'text/plain')", "the exported curation").await?;
        js(client, "window.__blobs.filter(b => b.type === 'text/plain').pop().text().then(t => { window.__curation = t; }); return 0")
            .await?;
        wait_long(client, "typeof window.__curation === 'string'", "the exported curation's text").await?;
        let text = js(client, "return window.__curation").await?;
        let exported = dossier_importer::parse_curation(text.as_str().unwrap_or_default())?;
        ensure(exported == curation, || format!("the exported curation is {text}, expected {}", curation.to_toml()))?;
        ensure(expected.actors.iter().all(|a| a.name != from.name), || format!("{} is still an actor after the merge", from.name))?;

        // Save: the same bytes as the build of these files with the page's own parts.
        js(client, "window.__blobs = []; return 0").await?;
        client.find(Locator::Css(".import-save")).await.map_err(|e| e.to_string())?.click().await.map_err(|e| e.to_string())?;
        wait_long(client, "window.__blobs.some(b => b.type === 'text/html')", "the saved explorer").await?;
        js(client, "window.__blobs.find(b => b.type === 'text/html').text().then(t => { window.__saved = t; }); return 0").await?;
        wait_long(client, "typeof window.__saved === 'string'", "the saved file's text").await?;
        let saved = js(client, "return window.__saved").await?;
        let saved = saved.as_str().ok_or("the saved file is not text")?.to_owned();
        let back = dossier_page::Parts::from_page(&empty_html).ok_or("the empty explorer's parts cannot be read")?;
        let built = dossier_importer::save_page(
            &bundle::encode(&expected),
            dossier_importer::PageParts {
                css: back.css,
                glue: back.glue,
                wasm: back.wasm,
                importer: back.importer,
                allow_origins: back.allow_origins,
                curation: curation.to_toml(),
            },
        )?;
        ensure(saved == built, || {
            format!("the saved explorer ({} bytes) differs from the built one ({} bytes)", saved.len(), built.len())
        })?;

        // Export corpus: corpus.json in the CLI's schema.
        client.find(Locator::Css(".import-export")).await.map_err(|e| e.to_string())?.click().await.map_err(|e| e.to_string())?;
        wait_long(client, "window.__blobs.some(b => b.type === 'application/json')", "the exported corpus").await?;
        js(client, "window.__blobs.find(b => b.type === 'application/json').text().then(t => { window.__json = t; }); return 0").await?;
        wait_long(client, "typeof window.__json === 'string'", "the exported corpus's text").await?;
        let json = js(client, "return window.__json").await?;
        let exported: Corpus = serde_json::from_str(json.as_str().unwrap_or_default()).map_err(|e| format!("corpus.json: {e}"))?;
        ensure(exported == expected, || "the exported corpus is not the CLI's".into())?;

        // The saved file opens (from file://) with the same articles, and can import again.
        let path = page::temp_dir("import")?.join("saved.html");
        std::fs::write(&path, &saved).map_err(|e| e.to_string())?;
        page::open_ready(client, &page::file_url(&path)).await?;
        let count = page::attr(client, "#dossier", "data-articles").await?;
        ensure(count.as_deref() == Some(&n.to_string()), || format!("the saved explorer has {count:?} articles, expected {n}"))?;
        for article in &expected.articles {
            let found = js(
                client,
                &format!(
                    "return Array.from(document.querySelectorAll('.result .title')).some(e => e.textContent === {})",
                    serde_json::to_string(&article.title).unwrap_or_default()
                ),
            )
            .await?;
            ensure(found == true, || format!("the saved explorer does not show {:?}", article.title))?;
        }
        // The correction and the merge are in it.
        client.find(Locator::Id("dossier-review")).await.map_err(|e| e.to_string())?.click().await.map_err(|e| e.to_string())?;
        wait_long(
            client,
            &format!("document.querySelectorAll('.import-review tr[data-file]').length === {n}"),
            "the saved explorer's review table",
        )
        .await?;
        let date = js(client, &format!("return document.querySelector('{}').value", date_input.replace('\'', "\\'"))).await?;
        ensure(date == "2020-05", || format!("the saved explorer's date of {file} is {date}"))?;
        let names = js(client, "return Array.from(document.querySelectorAll('.merge-from option')).map(o => o.textContent)").await?;
        let names = names.as_array().cloned().unwrap_or_default();
        ensure(
            names.len() == after_split && !names.iter().any(|t| t.as_str().is_some_and(|t| t.starts_with(&format!("{} (", from.name)))),
            || format!("the saved explorer's actors: {names:?}"),
        )?;
        ensure(names.iter().any(|t| t.as_str().is_some_and(|t| t.starts_with(&renamed_to))), || {
            format!("the saved explorer lacks {renamed_to}: {names:?}")
        })?;
        // It keeps the curation: exported again, it is the same.
        js(client, "window.__blobs = []; const o = URL.createObjectURL; URL.createObjectURL = function (b) { window.__blobs.push(b); return o.call(URL, b); }; return 0").await?;
        client.find(Locator::Css(".curate-export")).await.map_err(|e| e.to_string())?.click().await.map_err(|e| e.to_string())?;
        wait_long(client, "window.__blobs.some(b => b.type === 'text/plain')", "the saved explorer's curation").await?;
        js(client, "window.__blobs.filter(b => b.type === 'text/plain').pop().text().then(t => { window.__curation = t; }); return 0")
            .await?;
        wait_long(client, "typeof window.__curation === 'string'", "the saved explorer's curation text").await?;
        let text = js(client, "return window.__curation").await?;
        ensure(dossier_importer::parse_curation(text.as_str().unwrap_or_default())? == curation, || {
            format!("the saved explorer's curation is {text}")
        })?;
        let hidden = js(client, "return document.getElementById('dossier-import').hidden").await?;
        ensure(hidden == false, || "the saved explorer has no Add articles control".into())?;
        let errors = js(client, "return window.__dossierErrors").await?;
        ensure(errors.as_array().is_some_and(|a| a.is_empty()), || format!("script errors: {errors}"))?;

        // The saved explorer is an importer: one more file, saved again, opens with both.
        js(client, "window.__blobs = []; return 0").await?;
        let extra = page::temp_dir("import")?.join("harbour.txt");
        std::fs::write(&extra, PASTED).map_err(|e| e.to_string())?;
        let input =
            client.find(Locator::Id("dossier-add")).await.map_err(|e| format!("the saved explorer has no Add articles input: {e}"))?;
        input.send_keys(&extra.display().to_string()).await.map_err(|e| e.to_string())?;
        wait_long(
            client,
            &format!("document.getElementById('dossier-import').dataset.state === 'done' && document.getElementById('dossier').dataset.articles === '{}' && document.getElementById('dossier').dataset.state === 'ready'", n + 1),
            "the import into the saved explorer",
        )
        .await?;
        client.find(Locator::Css(".import-save")).await.map_err(|e| e.to_string())?.click().await.map_err(|e| e.to_string())?;
        wait_long(client, "window.__blobs.some(b => b.type === 'text/html')", "the explorer saved again").await?;
        js(client, "window.__blobs.find(b => b.type === 'text/html').text().then(t => { window.__saved = t; }); return 0").await?;
        wait_long(client, "typeof window.__saved === 'string'", "the text of the explorer saved again").await?;
        let again = js(client, "return window.__saved").await?;
        let path = page::temp_dir("import")?.join("saved-again.html");
        std::fs::write(&path, again.as_str().ok_or("the explorer saved again is not text")?).map_err(|e| e.to_string())?;
        page::open_ready(client, &page::file_url(&path)).await?;
        let count = page::attr(client, "#dossier", "data-articles").await?;
        ensure(count.as_deref() == Some(&(n + 1).to_string()), || {
            format!("the explorer saved again has {count:?} articles, expected {}", n + 1)
        })?;
        let found = js(client, "return Array.from(document.querySelectorAll('.result .title')).some(e => e.textContent === 'Harbour Reopens After Storm Repairs')").await?;
        ensure(found == true, || "the explorer saved again does not show the article added to the saved one".into())?;
        let errors = js(client, "return window.__dossierErrors").await?;
        ensure(errors.as_array().is_some_and(|a| a.is_empty()), || format!("script errors: {errors}"))
    })
}
