//! The use cases, and the only caller of the store: the window (`ui/`) and the command line
//! (`cli.rs`) both go through [`Service`], so they read, judge and write the same way. A
//! [`Session`] says who works for which unit on which day; one [`Reference`] snapshot holds the
//! lists every screen and rule looks things up in; [`jobs`] runs long work off the UI thread.
//! One module per use case: registry, projects, budget, registration, reports, catalog,
//! settings, backup, check.

pub mod attachments;
pub mod backup;
pub mod balance_report;
pub mod budget;
pub mod catalog;
pub mod check;
pub mod demo;
pub mod error;
pub mod jobs;
pub mod project_check;
pub mod projects;
pub mod reference;
pub mod registration;
pub mod registry;
pub mod report_figures;
pub mod report_output;
pub mod reports;
pub mod session;
pub mod settings;
pub mod year_balance;

use std::path::Path;
use std::sync::Arc;

use chrono::NaiveDate;

pub use error::{ServiceError, ServiceResult};
pub use reference::{PickerItem, Reference};
pub use session::Session;

use crate::store::{OpenMode, Store};

/// One open database, the person working on it, and the reference snapshot.
pub struct Service {
    store: Store,
    session: Session,
    reference: Arc<Reference>,
}

impl Service {
    /// Wraps an open store: the session's actor is named in every audit row from now on, and the
    /// unit and the reference lists are read.
    pub fn new(store: Store, mut session: Session) -> ServiceResult<Service> {
        store.set_actor(&session.actor)?;
        session.unit = store.unit_settings()?;
        let reference = Arc::new(Reference::load(&store, session.province_code())?);
        Ok(Service {
            store,
            session,
            reference,
        })
    }

    /// Opens a database for reading only (`check`, `balance`, `report`): no migration, no
    /// reference load, no mode change, no seat; the file is never written.
    pub fn open_for_reading(path: &Path, session: Session) -> ServiceResult<Service> {
        Service::new(Store::open_for_reading(path)?, session)
    }

    /// Opens a file the failure screen found damaged, read-only, as "Mở chỉ để xem" asks; it
    /// fails when SQLite cannot read it.
    pub fn open_damaged_for_viewing(path: &Path, session: Session) -> ServiceResult<Service> {
        let why = format!(
            "Tệp {} bị hỏng nên chỉ mở để xem; số liệu có thể thiếu hoặc sai.",
            path.display()
        );
        Service::new(Store::open_read_only_because(path, why)?, session)
    }

    /// "Khôi phục bản sao lưu này" on the failure screen: replaces the damaged file at `path`
    /// with `backup`, keeping the damaged one as the quarantine copy.
    pub fn restore_over_damaged(path: &Path, backup: &Path) -> ServiceResult<()> {
        Ok(crate::store::damaged::restore_over_damaged(path, backup)?)
    }

    /// Why the open file can only be read (the window's banner), or None.
    pub fn read_only_reason(&self) -> Option<&str> {
        self.store.read_only_reason()
    }

    /// What the user should be told about this opening (a startup backup not taken).
    pub fn opening_notices(&self) -> &[String] {
        self.store.opening_notices()
    }

    /// Opens a database that must already exist (the command line never invents one).
    pub fn open_existing(path: &Path, session: Session) -> ServiceResult<Service> {
        Service::new(Store::open(path, OpenMode::MustExist)?, session)
    }

    /// Opens a database, creating it when it does not exist.
    pub fn open_or_create(path: &Path, session: Session) -> ServiceResult<Service> {
        Service::new(Store::open(path, OpenMode::CreateIfMissing)?, session)
    }

    /// The window's start: refuses files that are not ours, backs the file up before any
    /// write, then opens it.
    pub fn open_at_startup(path: &Path, session: Session) -> ServiceResult<Service> {
        Service::new(Store::open_at_startup(path)?, session)
    }

    /// A read-only service over a file that already holds current data (None otherwise): the
    /// window reads its lists with it while the startup backup runs.
    pub fn open_read_only(path: &Path, session: Session) -> ServiceResult<Option<Service>> {
        match Store::open_read_only(path)? {
            Some(store) => Ok(Some(Service::new(store, session)?)),
            None => Ok(None),
        }
    }

    /// Who works, for which unit, on which day.
    pub fn session(&self) -> &Session {
        &self.session
    }

    /// The date rules are judged on.
    pub fn today(&self) -> NaiveDate {
        self.session.today
    }

    /// The reference snapshot (shared: cheap to clone into a job).
    pub fn reference(&self) -> &Arc<Reference> {
        &self.reference
    }

    /// The database file.
    pub fn database_path(&self) -> &Path {
        self.store.path()
    }

    /// Read access to the store, for tests and benchmarks that inspect the database; the
    /// window and the command line never use it.
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// Reads the reference lists again (after a catalogue edit, a new unit, a restore).
    fn reload_reference(&mut self) -> ServiceResult<()> {
        self.session.unit = self.store.unit_settings()?;
        self.reference = Arc::new(Reference::load(&self.store, self.session.province_code())?);
        Ok(())
    }
}

/// What a background job needs to open the same database for itself: its own connection (SQLite
/// in WAL mode lets it read, and write in turn, while the window keeps its own), the session,
/// and the reference snapshot already read.
#[derive(Debug, Clone)]
pub struct Worker {
    path: std::path::PathBuf,
    /// Why the window's file is read-only; the job's connection is then read-only too.
    read_only: Option<String>,
    session: Session,
    reference: Arc<Reference>,
}

impl Service {
    /// A handle a background job opens the database with.
    pub fn worker(&self) -> Worker {
        Worker {
            path: self.store.path().to_owned(),
            read_only: self.store.read_only_reason().map(str::to_owned),
            session: self.session.clone(),
            reference: self.reference.clone(),
        }
    }
}

impl Worker {
    /// Opens the database on the calling thread, sharing the session and the snapshot.
    pub fn open(&self) -> ServiceResult<Service> {
        // No seat: the window of this process holds it for its jobs.
        let store = match &self.read_only {
            Some(why) => Store::open_read_only_because(&self.path, why.clone())?,
            None => Store::open(&self.path, OpenMode::MustExist)?,
        };
        store.set_actor(&self.session.actor)?;
        Ok(Service {
            store,
            session: self.session.clone(),
            reference: self.reference.clone(),
        })
    }
}

/// A damaged file, as the window's failure screen shows it.
pub use crate::store::error::Damage as DamagedFile;

impl ServiceError {
    /// What the user can do about a file that could not be opened, fitting the cause; None when
    /// the message says it already.
    pub fn opening_advice(&self) -> Option<&'static str> {
        use crate::store::StoreError as E;
        let ServiceError::Store(e) = self else {
            return None;
        };
        Some(match e {
            E::FileNotFound(_) | E::Directory(_) => {
                "Hãy chọn đúng tệp dữ liệu (.db) bằng tham số --db."
            }
            E::NotADatabase(_) | E::Foreign { .. } => {
                "Tệp này không phải sổ của Sổ Khuyến công; hãy chọn tệp dữ liệu của mình bằng tham số --db. Nếu chắc chắn đây là sổ của mình và nó đã bị ghi đè, có thể khôi phục từ thư mục backups bên cạnh tệp."
            }
            E::TooNew { .. } => "Hãy cài phiên bản Sổ Khuyến công mới hơn; tệp vẫn nguyên vẹn.",
            E::CannotCreate { .. } | E::ReadOnly(_) => {
                "Hãy chép tệp vào một thư mục ghi được của máy này rồi mở lại."
            }
            E::Io { .. } | E::Database(_) => {
                "Hãy kiểm tra tệp còn đó và có quyền đọc, rồi mở lại; tệp không bị thay đổi."
            }
            _ => return None,
        })
    }

    /// The damaged file behind this error, when the file failed its health check.
    pub fn damaged_file(&self) -> Option<DamagedFile> {
        match self {
            ServiceError::Store(crate::store::StoreError::Damaged(damage)) => {
                Some((**damage).clone())
            }
            _ => None,
        }
    }
}
