//! Who appears with whom: a matrix of the top actors of the current results, drawn as SVG,
//! with the same numbers in a table for screen readers.

use dossier_corpus::{insight, present};
use leptos::prelude::*;

use crate::state::use_explorer;

const TOP: usize = 10;
const CELL: usize = 34;
const LABEL: usize = 150;

#[component]
pub fn NetworkView() -> impl IntoView {
    let x = use_explorer();
    let matrix = Memo::new(move |_| x.results.with(|r| x.corpus.with_value(|c| insight::cooccurrence(c, &r.ids, TOP))));
    let names = move || {
        matrix.with(|m| x.corpus.with_value(|c| m.actors.iter().map(|&a| c.actors[a as usize].name.to_string()).collect::<Vec<_>>()))
    };
    view! {
        <section class="network" aria-label="Who appears with whom" data-actors=move || matrix.with(|m| m.actors.len()).to_string()>
            <p class="hint">"Articles in the current results that mention both actors. The diagonal counts each actor's articles."</p>
            {move || {
                let names = names();
                let n = names.len();
                let size = LABEL + CELL * n;
                let max = matrix.with(|m| m.totals.iter().copied().max().unwrap_or(1)).max(1) as f64;
                let cells = matrix.with(|m| {
                    let mut cells = Vec::new();
                    for i in 0..n {
                        for j in 0..n {
                            let v = m.shared[i][j];
                            let (cx, cy) = (LABEL + CELL * j, LABEL + CELL * i);
                            let opacity = if v == 0 { 0.0 } else { 0.15 + 0.85 * v as f64 / max };
                            cells.push(view! {
                                <g class="cell" data-row=names[i].clone() data-col=names[j].clone() data-count=v>
                                    <title>{format!("{} and {}: {v} articles", names[i], names[j])}</title>
                                    <rect x=cx y=cy width=CELL - 2 height=CELL - 2 rx="3" fill-opacity=present::fixed(opacity, 2) />
                                    <text x=cx + CELL / 2 - 1 y=cy + CELL / 2 + 4 text-anchor="middle">{(v > 0).then(|| v.to_string())}</text>
                                </g>
                            });
                        }
                    }
                    cells
                });
                let labels = names
                    .iter()
                    .enumerate()
                    .map(|(i, name)| {
                        let short: String = if name.chars().count() > 20 { name.chars().take(19).chain(std::iter::once('…')).collect() } else { name.to_string() };
                        let pos = LABEL + CELL * i + CELL / 2;
                        view! {
                            <text class="row-label" x=LABEL - 6 y=pos + 4 text-anchor="end">{short.clone()}</text>
                            <text class="col-label" transform=format!("translate({pos} {}) rotate(-60)", LABEL - 6)>{short}</text>
                        }
                    })
                    .collect_view();
                view! {
                    <svg class="matrix" viewBox=format!("0 0 {size} {size}") width=size height=size role="img" aria-label="Co-occurrence matrix of the top actors">
                        {labels}
                        {cells}
                    </svg>
                }
            }}
            <table class="visually-hidden">
                <caption>"Articles mentioning both actors"</caption>
                <tbody>
                    {move || {
                        let names = names();
                        matrix.with(|m| {
                            names
                                .iter()
                                .enumerate()
                                .map(|(i, row)| {
                                    view! {
                                        <tr>
                                            <th scope="row">{row.clone()}</th>
                                            {(0..names.len()).map(|j| view! { <td>{format!("{}: {}", names[j], m.shared[i][j])}</td> }).collect_view()}
                                        </tr>
                                    }
                                })
                                .collect_view()
                        })
                    }}
                </tbody>
            </table>
            <ul class="network-actors" aria-label="Actors in the matrix">
                {move || {
                    names()
                        .into_iter()
                        .map(|name| {
                            let n = name.clone();
                            view! {
                                <li>
                                    <button type="button" class="chip" on:click=move |_| x.open_profile(&n)>
                                        {name}
                                    </button>
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
        </section>
    }
}
