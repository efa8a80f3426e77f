//! 客户信用管理 through the state (issue 16): each action is a core command in
//! `dossier_core::commands::credit`, run against the archive as it is at save time, in one save.
//! The manager passphrase that releases a held order is checked here with WebCrypto's PBKDF2
//! against the salted hash kept in settings (`credit::passphrase`).

use dossier_core::commands::credit::{self as cmd, CreditError};
use dossier_core::credit::passphrase::{check_new, PassError, PassHash, MIN_ITERATIONS};
use dossier_core::credit::{Approval, ApprovalError, CheckResult, CountermeasureTaken};
use dossier_core::ledger::credit::{CreditInfo, Investigation};
use dossier_core::Lang;
use leptos::prelude::*;

use crate::archive_state::{ArchiveState, SaveError, StorageError};
use crate::platform;

/// Why a credit action did not happen.
#[derive(Clone, Debug, PartialEq)]
pub enum CreditFailure {
    /// Refused by the rules: nothing was written.
    Refused(CreditError),
    /// A new manager passphrase refused (too short, typed differently).
    Pass(PassError),
    /// No manager passphrase is set on this device (设置 → 信用管理).
    NoPassphrase,
    /// The passphrase typed is not the manager's.
    WrongPassphrase,
    /// WebCrypto failed or is missing (not a secure context).
    Crypto(String),
    /// localStorage refused to keep the passphrase hash.
    NotKept,
    Save(SaveError),
}

impl From<SaveError> for CreditFailure {
    fn from(e: SaveError) -> Self {
        CreditFailure::Save(e)
    }
}

impl From<StorageError> for CreditFailure {
    fn from(e: StorageError) -> Self {
        CreditFailure::Save(SaveError::from(e))
    }
}

impl CreditFailure {
    /// The message in `l` (a save failure is worded by the app's texts).
    pub fn text(&self, l: Lang, tx: &crate::i18n::Texts) -> String {
        match self {
            CreditFailure::Refused(e) => e.message(l),
            CreditFailure::Pass(e) => e.message(l),
            CreditFailure::NoPassphrase => l
                .pick("本机尚未设置经理口令：请经理在“设置 → 信用管理”中设置", "no manager passphrase on this device: a manager sets it in Settings → Credit")
                .to_string(),
            CreditFailure::WrongPassphrase => l.pick("经理口令不对，订单仍冻结", "that is not the manager passphrase: the order stays held").to_string(),
            CreditFailure::Crypto(e) => match l {
                Lang::Zh => format!("无法校验口令（浏览器加密功能不可用：{e}）"),
                Lang::En => format!("the passphrase cannot be checked (the browser's cryptography failed: {e})"),
            },
            CreditFailure::NotKept => {
                l.pick("口令未能保存（本机存储已满或被禁用）", "the passphrase was not kept (this device's storage is full or disabled)").to_string()
            }
            CreditFailure::Save(e) => tx.save_error(e),
        }
    }
}

impl ArchiveState {
    async fn credit_run(
        self,
        customer_id: &str,
        command: impl Fn(&dossier_core::archive::Archive, &str, &dossier_core::Stamp) -> Result<dossier_core::commands::Planned, CreditError> + 'static,
    ) -> Result<String, CreditFailure> {
        let record = self.new_id()?;
        let id = record.clone();
        self.repo.open(&[customer_id.to_string()]).await?;
        self.repo.run(move |a, stamp| command(a, &id, stamp).map_err(CreditFailure::Refused), Vec::new()).await?;
        Ok(record)
    }

    /// 信用资料 learned (new record).
    pub async fn record_credit_info(self, customer_id: &str, info: CreditInfo) -> Result<String, CreditFailure> {
        let cid = customer_id.to_string();
        let today = platform::today();
        self.credit_run(customer_id, move |a, id, stamp| cmd::record_info(a, &cid, info.clone(), today, id, stamp)).await
    }

    /// 信用限度核定.
    pub async fn approve_limit(self, customer_id: &str, approval: Result<Approval, ApprovalError>) -> Result<String, CreditFailure> {
        let cid = customer_id.to_string();
        let today = platform::today();
        self.credit_run(customer_id, move |a, id, stamp| cmd::approve_limit(a, &cid, approval.clone(), today, id, stamp)).await
    }

    /// 客户信用调查; returns the record's id and whether it raised an urgent report.
    pub async fn record_investigation(self, customer_id: &str, inv: Investigation) -> Result<(String, bool), CreditFailure> {
        let cid = customer_id.to_string();
        let today = platform::today();
        let settings = crate::settings::load_credit();
        let urgent = std::rc::Rc::new(std::cell::Cell::new(false));
        let seen = urgent.clone();
        let id = self
            .credit_run(customer_id, move |a, id, stamp| {
                let (planned, u) = cmd::record_investigation(a, &cid, inv.clone(), &settings, today, id, stamp)?;
                seen.set(u);
                Ok(planned)
            })
            .await?;
        Ok((id, urgent.get()))
    }

    /// The superior's instruction on urgent report `entry_id` of customer `customer_id`.
    pub async fn instruct(self, customer_id: &str, entry_id: &str, by: &str, text: &str) -> Result<(), CreditFailure> {
        let (eid, by, text) = (entry_id.to_string(), by.to_string(), text.to_string());
        let today = platform::today();
        self.repo.open(&[customer_id.to_string()]).await?;
        self.repo.run(move |a, stamp| cmd::instruct(a, &eid, &by, &text, today, stamp).map_err(CreditFailure::Refused), Vec::new()).await
    }

    /// 对策 taken.
    pub async fn take_countermeasure(self, customer_id: &str, cm: CountermeasureTaken) -> Result<String, CreditFailure> {
        let cid = customer_id.to_string();
        let today = platform::today();
        self.credit_run(customer_id, move |a, id, stamp| cmd::take_countermeasure(a, &cid, cm.clone(), today, id, stamp)).await
    }

    /// 放行: checks `passphrase` against the manager's, then releases order `order_id`.
    pub async fn release_order(self, customer_id: &str, order_id: &str, by: &str, reason: &str, passphrase: &str, lang: Lang) -> Result<(), CreditFailure> {
        verify_manager(passphrase).await?;
        let (oid, by, reason) = (order_id.to_string(), by.to_string(), reason.to_string());
        let today = platform::today();
        let settings = crate::settings::load_credit();
        self.credit_run(customer_id, move |a, id, stamp| cmd::release_order(a, &oid, &by, &reason, &settings, today, lang, id, stamp))
            .await
            .map(|_| ())
    }

    /// The order check of an order of `fen` being typed for `customer_id` (its card open).
    pub fn credit_preview(self, customer_id: &str, fen: i64, cash: bool, editing: Option<&str>) -> CheckResult {
        let settings = crate::settings::load_credit();
        let today = platform::today();
        self.archive.with(|a| cmd::preview_check(a, customer_id, fen, cash, editing, &settings, today))
    }
}

/// Sets (or replaces) the manager passphrase: only its salted PBKDF2 hash is kept.
pub async fn set_manager_pass(pass: &str, again: &str) -> Result<(), CreditFailure> {
    check_new(pass, again).map_err(CreditFailure::Pass)?;
    let salt = crate::storage::crypto::random(16).map_err(|e| CreditFailure::Crypto(format!("{e:?}")))?;
    let derived = crate::storage::crypto::pbkdf2(pass, &salt, MIN_ITERATIONS).await.map_err(|e| CreditFailure::Crypto(format!("{e:?}")))?;
    let hash = PassHash::new(&salt, MIN_ITERATIONS, &derived).ok_or_else(|| CreditFailure::Crypto("hash".into()))?;
    if crate::settings::save_manager_pass(&hash) { Ok(()) } else { Err(CreditFailure::NotKept) }
}

/// Whether a manager passphrase is set on this device.
pub fn manager_pass_set() -> bool {
    crate::settings::load_manager_pass().is_some()
}

/// Checks `passphrase` against the stored hash.
pub async fn verify_manager(passphrase: &str) -> Result<(), CreditFailure> {
    let stored = crate::settings::load_manager_pass().ok_or(CreditFailure::NoPassphrase)?;
    let salt = stored.salt_bytes().ok_or(CreditFailure::NoPassphrase)?;
    let derived = crate::storage::crypto::pbkdf2(passphrase, &salt, stored.iterations).await.map_err(|e| CreditFailure::Crypto(format!("{e:?}")))?;
    if stored.matches(&derived) { Ok(()) } else { Err(CreditFailure::WrongPassphrase) }
}
