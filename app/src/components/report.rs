//! "Report this listing": a folded form under a job, company or story that anyone may use, with or without
//! JavaScript.

use leptos::prelude::*;
use server_fn::ServerFn;

use crate::{
    components::form::{FormAlert, SelectField, TextArea, action_error, field_error, flashed},
    moderation::{REPORT_REASONS, ReportListing},
};

/// The report form for listing `id` of `kind` (`job`, `company` or `article`).
#[component]
pub fn ReportBox(kind: &'static str, id: i64) -> impl IntoView {
    let action = ServerAction::<ReportListing>::new();
    let error = action_error(action);
    let reasons: Vec<(String, String)> =
        std::iter::once((String::new(), "Choose what is wrong".to_owned()))
            .chain(
                REPORT_REASONS
                    .iter()
                    .map(|(c, l)| ((*c).to_owned(), (*l).to_owned())),
            )
            .collect();
    let what = match kind {
        "job" => "job",
        "company" => "company",
        _ => "story",
    };
    // A refused report comes back with the form open.
    let open = flashed(ReportListing::PATH, "reason").is_some();
    view! {
        <details class="report-box" open=move || open || error.get().is_some()>
            <summary>{format!("Report this {what}")}</summary>
            <p class="muted">"Tell the moderators what is wrong. They look at every report; nothing is shown to the listing’s owner."</p>
            <FormAlert error/>
            <ActionForm action=action attr:class="stacked-form" attr:novalidate=true>
                <input type="hidden" name="form[kind]" value=kind/>
                <input type="hidden" name="form[id]" value=id.to_string()/>
                <SelectField
                    name="form[reason]"
                    id="report-reason"
                    label="What is wrong"
                    options=reasons
                    value=flashed(ReportListing::PATH, "reason").unwrap_or_default()
                    server_error=field_error(error, "reason")
                />
                <TextArea
                    name="form[details]"
                    id="report-details"
                    label="Details (optional)"
                    rows=3
                    value=flashed(ReportListing::PATH, "details").unwrap_or_default()
                    server_error=field_error(error, "details")
                />
                <div class="honeypot" aria-hidden="true">
                    <label for="report-website">"Leave this empty"</label>
                    <input type="text" id="report-website" name="form[website]" tabindex="-1" autocomplete="off"/>
                </div>
                <button type="submit" class="button button-secondary">"Send the report"</button>
            </ActionForm>
        </details>
    }
}
