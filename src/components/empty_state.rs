use leptos::prelude::*;

/// A page or list with nothing to show yet: what will be here, and what to do next.
#[component]
pub fn EmptyState(
    #[prop(into)] title: Signal<&'static str>,
    #[prop(into)] body: Signal<&'static str>,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView {
    view! {
        <section class="empty-state">
            <h2>{move || title.get()}</h2>
            <p>{move || body.get()}</p>
            {children.map(|c| view! { <div class="empty-actions">{c()}</div> })}
        </section>
    }
}
