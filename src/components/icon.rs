use leptos::prelude::*;

/// The app's icons, drawn inline (no font or emoji: tablets render those differently or not at
/// all, and an icon font would be a download). 24×24, stroked in the text colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Glyph {
    People,
    Calendar,
    Card,
    Swap,
    Chart,
    Sliders,
    Printer,
}

impl Glyph {
    fn paths(self) -> &'static str {
        match self {
            Glyph::People => r#"<circle cx="9" cy="8" r="3.5"/><path d="M2.5 20c0-3.6 2.9-6 6.5-6s6.5 2.4 6.5 6"/><circle cx="17" cy="9" r="2.5"/><path d="M16.5 14.2c2.9.3 5 2.4 5 5.8"/>"#,
            Glyph::Calendar => r#"<rect x="3" y="5" width="18" height="16" rx="2"/><path d="M3 10h18M8 3v4M16 3v4"/>"#,
            Glyph::Card => r#"<rect x="2.5" y="5" width="19" height="14" rx="2"/><path d="M2.5 10h19M6 15h4"/>"#,
            Glyph::Swap => r#"<path d="M4 8h14l-3.5-3.5M20 16H6l3.5 3.5"/>"#,
            Glyph::Chart => r#"<path d="M3 21h18M6 17v-6M11 17V5M16 17v-9M21 17v-4"/>"#,
            Glyph::Sliders => r#"<path d="M4 6h9M17 6h3M4 12h3M11 12h9M4 18h11M19 18h1"/><circle cx="15" cy="6" r="2"/><circle cx="9" cy="12" r="2"/><circle cx="17" cy="18" r="2"/>"#,
            Glyph::Printer => r#"<path d="M7 9V3h10v6M7 17H4v-7a1 1 0 0 1 1-1h14a1 1 0 0 1 1 1v7h-3"/><rect x="7" y="14" width="10" height="7"/>"#,
        }
    }
}

/// An inline SVG icon, hidden from screen readers (the text beside it says what it does).
#[component]
pub fn Icon(glyph: Glyph) -> impl IntoView {
    view! {
        <svg class="icon" viewBox="0 0 24 24" width="24" height="24" fill="none" stroke="currentColor" stroke-width="1.8"
            stroke-linecap="round" stroke-linejoin="round" aria-hidden="true" focusable="false" inner_html=glyph.paths()></svg>
    }
}
