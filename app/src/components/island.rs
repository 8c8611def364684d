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

/// A region of a page that an island shows in place of the same region of another page (see `in_place`): its
/// element's id, the path whose pages it shows, and the live region that tells what changed.
#[derive(Clone, Copy, Debug)]
pub struct Region {
    pub id: &'static str,
    pub path: &'static str,
    /// The id of the island's own live region (outside the replaced region, so it is never replaced).
    pub announcer: &'static str,
    /// A selector, inside the region, for the element whose text is announced and that takes focus after a link.
    pub summary: &'static str,
}
