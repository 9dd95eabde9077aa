//! Shared test helpers: a fresh database with the demo members, and a running server.

use std::path::PathBuf;
use std::sync::Arc;

use billbot::config::{Clock, Settings};
use billbot::gateway::SandboxGateway;
use billbot::i18n::Catalog;
use billbot::nlu::Nlus;
use billbot::plan::Plan;
use billbot::server;
use billbot::startup::{self, Options};
use billbot::storage::{self, Db};
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::Connection;
use tempfile::TempDir;

/// The date every test lives on (a Friday).
pub const TODAY: &str = "2026-11-27";

pub fn today() -> NaiveDate {
    TODAY.parse().expect("TODAY is a date")
}

pub fn now() -> DateTime<Utc> {
    Clock::fixed_date(today()).now()
}

pub fn plan() -> Plan {
    Plan::from_toml(include_str!("../../plan.toml")).expect("plan.toml is valid")
}

pub fn settings(db_path: PathBuf) -> Settings {
    Settings {
        db_path,
        clock: Clock::fixed_date(today()),
        plan: plan(),
        intents: Default::default(),
        locales: Default::default(),
    }
}

/// One parser and message catalog for the whole test binary (training takes a moment).
pub fn language() -> (Arc<Nlus>, Arc<Catalog>) {
    static SHARED: std::sync::OnceLock<(Arc<Nlus>, Arc<Catalog>)> = std::sync::OnceLock::new();
    SHARED
        .get_or_init(|| {
            let source = billbot::assets::Source::Embedded;
            (
                Arc::new(Nlus::load(&source).expect("intents load")),
                Arc::new(Catalog::load(&source).expect("locales load")),
            )
        })
        .clone()
}

/// A real database file in a temporary folder, with the demo members.
pub struct TestDb {
    /// Keeps the folder (and the file) alive as long as the test.
    _dir: TempDir,
    pub path: PathBuf,
}

impl TestDb {
    pub fn new() -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("billbot.db");
        let mut conn = storage::open(&path).expect("open database");
        billbot::demo::seed(&mut conn, &plan(), today(), now()).expect("seed demo members");
        Self { _dir: dir, path }
    }

    /// A new connection to the same file (as another process would have).
    pub fn connect(&self) -> Connection {
        storage::open(&self.path).expect("open database")
    }
}

/// A running server on a random port, with its own database and sandbox gateway.
pub struct TestApp {
    pub base: String,
    /// The application behind the server, for running its background work on cue.
    #[allow(dead_code)]
    pub state: billbot::server::AppState,
    // Channel tests read the database and the gateway behind the server.
    #[allow(dead_code)]
    pub db: TestDb,
    #[allow(dead_code)]
    pub gateway: Arc<SandboxGateway>,
    pub client: reqwest::Client,
    _shutdown: tokio::sync::oneshot::Sender<()>,
}

pub async fn spawn_app() -> TestApp {
    spawn_app_with(Options::default()).await
}

/// A server with outside services configured (SMTP, public URL…).
pub async fn spawn_app_with(options: Options) -> TestApp {
    spawn_app_at(options, Clock::fixed_date(today())).await
}

/// A server whose clock is `clock` (a stopped one for quiet hours and run dates).
pub async fn spawn_app_at(options: Options, clock: Clock) -> TestApp {
    spawn(options, clock, true).await
}

/// [`spawn_app_at`] without the background delivery worker: for tests that deliver the
/// outbox by hand (`deliver_all`) and check what went out right after. With the worker
/// running, it could claim a message first and still be sending it when the test looks.
pub async fn spawn_app_delivering_by_hand(options: Options, clock: Clock) -> TestApp {
    spawn(options, clock, false).await
}

async fn spawn(options: Options, clock: Clock, workers: bool) -> TestApp {
    let db = TestDb::new();
    let gateway = Arc::new(SandboxGateway::new());
    let (nlu, catalog) = language();
    let mut app_settings = settings(db.path.clone());
    app_settings.clock = clock;
    let state = startup::build_state_with(
        app_settings,
        Db::open(&db.path).expect("open database"),
        gateway.clone(),
        options,
        nlu,
        catalog,
    )
    .expect("build state");
    if workers {
        startup::spawn_workers(&state);
    }
    let handle = state.clone();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind port 0");
    let base = format!("http://{}", listener.local_addr().expect("local addr"));
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    tokio::spawn(async move {
        let _ = server::run(listener, state, async {
            let _ = rx.await;
        })
        .await;
    });
    TestApp {
        base,
        state: handle,
        db,
        gateway,
        client: reqwest::Client::builder()
            .cookie_store(true)
            .build()
            .expect("client"),
        _shutdown: tx,
    }
}
