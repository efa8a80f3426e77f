use leptos::prelude::*;

use crate::i18n::analysis as w;
use crate::i18n::grading::tr;
use crate::state::{use_app, use_archive};

/// 导出 CSV: offers a table as a file `客户分析-<name>-<today>.csv` (UTF-8 with a BOM, so a
/// spreadsheet reads the Chinese). `header` and `rows` are the table as shown.
#[component]
pub fn CsvButton(name: String, header: Vec<&'static str>, rows: Vec<Vec<String>>) -> impl IntoView {
    let app = use_app();
    let archive = use_archive();
    let failed = RwSignal::new(false);
    let data = StoredValue::new((name.clone(), header, rows));
    let export = move |_| {
        let kept = data.with_value(|(name, header, rows)| archive.offer_csv(name, header, rows));
        failed.set(!kept);
    };
    view! {
        <button type="button" class="csv-button" data-action="csv" data-csv=name on:click=export>
            {move || tr(app.lang.get(), w::CSV)}
        </button>
        {move || failed.get().then(|| view! { <p class="field-error" role="alert">{tr(app.lang.get(), w::CSV_FAILED)}</p> })}
    }
}
