//! Tells other tabs of this app that the archive changed, so none saves over what it has not seen.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use wasm_bindgen::JsValue;
use web_sys::{BroadcastChannel, MessageEvent};

const NAME: &str = "dossier-archive";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Note {
    /// A batch was appended to the journal: read what is new.
    Saved,
    /// The whole archive was replaced: load it again.
    Replaced,
}

impl Note {
    fn code(self) -> &'static str {
        match self {
            Note::Saved => "saved",
            Note::Replaced => "replaced",
        }
    }
}

pub struct Channel {
    inner: BroadcastChannel,
    _listener: Closure<dyn FnMut(MessageEvent)>,
}

impl Channel {
    /// `None` where BroadcastChannel is missing; the journal check on save still guards edits.
    pub fn open(on_note: impl Fn(Note) + 'static) -> Option<Channel> {
        let inner = BroadcastChannel::new(NAME).ok()?;
        let listener = Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
            match e.data().as_string().as_deref() {
                Some("saved") => on_note(Note::Saved),
                Some("replaced") => on_note(Note::Replaced),
                _ => {}
            }
        });
        inner.set_onmessage(Some(listener.as_ref().unchecked_ref()));
        Some(Channel { inner, _listener: listener })
    }

    pub fn post(&self, note: Note) {
        let _ = self.inner.post_message(&JsValue::from_str(note.code()));
    }
}
