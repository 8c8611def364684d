//! Page links under a list: plain links, so they work without JavaScript and can be bookmarked.

use leptos::prelude::*;

/// Links to the pages around `page` of `pages`, the first and the last; `link` makes a page's address.
pub fn pagination(pages: u32, page: u32, link: impl Fn(u32) -> String) -> Option<impl IntoView> {
    (pages > 1).then(|| {
        view! {
            <nav class="pagination" aria-label="Pages">
                <ul>
                    {(page > 1).then(|| view! { <li><a href=link(page - 1) rel="prev">"Previous"</a></li> })}
                    {(1..=pages)
                        .filter(|p| *p == 1 || *p == pages || p.abs_diff(page) <= 2)
                        .map(|p| {
                            view! {
                                <li>
                                    <a href=link(p) aria-current=(p == page).then_some("page")>
                                        <span class="visually-hidden">"Page "</span>
                                        {p.to_string()}
                                    </a>
                                </li>
                            }
                        })
                        .collect_view()}
                    {(page < pages).then(|| view! { <li><a href=link(page + 1) rel="next">"Next"</a></li> })}
                </ul>
            </nav>
        }
    })
}
