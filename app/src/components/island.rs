//! What every island shares.

use leptos::{html::Div, prelude::*};

/// Marks the island whose root is `root` as interactive once the browser has hydrated it: its `<leptos-island>`
/// gets `data-live`. Islands come alive one by one, some after their own piece of WebAssembly has arrived, so
/// browser tests wait for the mark on each before using them.
pub fn mark_live(root: NodeRef<Div>) {
    Effect::new(move |_| {
        if let Some(island) = root
            .get()
            .and_then(|root| root.closest("leptos-island").ok().flatten())
        {
            let _ = island.set_attribute("data-live", "");
        }
    });
}
