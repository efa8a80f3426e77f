//! The list's name order in real Chromium: pinyin (the browser's `Intl.Collator("zh-CN")`), not
//! code points, and it follows a renamed card although the collation of unchanged names is reused.
#![cfg(target_arch = "wasm32")]

mod common;

use dossier::archive_state::{ArchiveState, LoadStatus, NewCustomer};
use dossier::storage::Db;
use dossier_core::{sort_by_rank, CardBody, SortKey};
use leptos::prelude::*;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;

use common::{fresh, today};

wasm_bindgen_test_configure!(run_in_browser);

async fn pause() {
    let p = js_sys::Promise::new(&mut |ok, _| {
        let _ = web_sys::window().unwrap().set_timeout_with_callback_and_timeout_and_arguments_0(&ok, 10);
    });
    JsFuture::from(p).await.unwrap();
}

fn card(name: &str) -> NewCustomer {
    let mut body = dossier_core::sample_archive(1, 1, today(), "dev")[0].body.clone();
    match &mut body {
        CardBody::Individual(i) => i.basic.name = name.into(),
        CardBody::Enterprise(e) => e.basic.name = name.into(),
    }
    NewCustomer { body, people: vec![], tier: None, region: String::new(), tags: Default::default(), owner: String::new(), by: String::new(), today: today() }
}

fn names_in_order(st: ArchiveState) -> Vec<String> {
    let rank = st.ranks(SortKey::Name);
    let mut hits: Vec<u32> = (0..rank.len() as u32).collect();
    sort_by_rank(&mut hits, &rank, true);
    st.archive.with_untracked(|a| hits.iter().map(|&p| a.customers()[p as usize].display_name().to_string()).collect())
}

#[wasm_bindgen_test]
async fn names_sort_by_pinyin_and_follow_a_rename() {
    let name = "test-list-order";
    fresh(name).await.close();
    let _ = any_spawner::Executor::init_wasm_bindgen();
    let st = ArchiveState::new();
    st.start(Db::open(name).await.unwrap(), "dev-a".into());
    while st.status.get_untracked() != LoadStatus::Ready {
        pause().await;
    }
    let mut ids = Vec::new();
    // Code-point order would be 安 (U+5B89) < 张 (U+5F20) < 白 (U+767D) < 陈 (U+9648).
    for n in ["张伟", "安娜", "陈静", "白云"] {
        ids.push(st.create_customer(card(n)).await.unwrap());
    }
    assert_eq!(names_in_order(st), ["安娜", "白云", "陈静", "张伟"]);
    // A save that changes no name reuses the collation; a rename is seen.
    st.change(&ids[0], None, dossier_core::Action::Edit, |c, stamp| {
        match &mut c.body {
            CardBody::Individual(i) => i.basic.name = "艾伦".into(),
            CardBody::Enterprise(e) => e.basic.name = "艾伦".into(),
        }
        c.body_stamp = stamp;
        Ok(vec![])
    })
    .await
    .unwrap();
    assert_eq!(names_in_order(st), ["艾伦", "安娜", "白云", "陈静"]);
}
