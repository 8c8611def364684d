//! `hubboard`: the Hubboard web server and its administration commands.

use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use hubboard::{Email, Role};
use server::{Config, accounts, open_database};
use tracing_subscriber::EnvFilter;

// Rendering a page allocates many short-lived strings; mimalloc serves them with less work than the system's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "hubboard",
    version,
    about = "Hubboard: a jobs board and company directory with linked news."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the site (migrating the database first).
    Serve {
        /// Load demo content into an empty database first.
        #[cfg(feature = "dev")]
        #[arg(long)]
        demo: bool,
    },
    /// Apply database migrations and exit.
    Migrate,
    /// Manage accounts.
    Admin {
        #[command(subcommand)]
        command: AdminCommand,
    },
    /// Load demo content into the database.
    #[cfg(feature = "dev")]
    SeedDemo,
    /// Fill an empty database with a large, deterministic data set for benchmarks.
    #[cfg(feature = "dev")]
    SeedBench {
        /// How many companies to write.
        #[arg(long, default_value_t = 10_000)]
        companies: usize,
        /// How many jobs to write, spread over the companies.
        #[arg(long, default_value_t = 100_000)]
        jobs: usize,
        /// How many articles to write, about the companies and linking some of the jobs.
        #[arg(long, default_value_t = 50_000)]
        articles: usize,
        /// The random seed: the same seed writes the same data.
        #[arg(long, default_value_t = 42)]
        seed: u64,
    },
    /// Write a consistent copy of the SQLite database to FILE while the server runs.
    Backup {
        /// The new file to write.
        file: std::path::PathBuf,
    },
    /// Put a backup in place of the SQLite database (stop the server first); the old file is kept beside it.
    Restore {
        /// The backup to restore.
        file: std::path::PathBuf,
    },
    /// Write brotli and gzip copies of the built CSS, JavaScript and WebAssembly in DIR (after a release build),
    /// which the server then sends instead of compressing those files on every request.
    Precompress {
        /// The site's package directory, such as target/site/pkg.
        dir: std::path::PathBuf,
    },
    /// Benchmark email alerts on a copy of the benchmark data set (it is changed): confirmed subscriptions, newly
    /// published items, one round of digests, then sending them to an SMTP server on localhost.
    #[cfg(feature = "dev")]
    BenchAlerts {
        /// Confirmed daily subscriptions to write, one per address.
        #[arg(long, default_value_t = 10_000)]
        subscribers: usize,
        /// Jobs published anew since the last digest.
        #[arg(long, default_value_t = 1_000)]
        jobs: usize,
        /// Articles published anew since the last digest.
        #[arg(long, default_value_t = 100)]
        articles: usize,
        #[arg(long, default_value_t = 42)]
        seed: u64,
    },
    /// Print COUNT different job searches (paths of `/jobs` with 1 to 3 words of the data's own vocabulary and
    /// random filters), one a line, for the benchmark's varied-search rows.
    #[cfg(feature = "dev")]
    BenchSearches {
        #[arg(long, default_value_t = 20_000)]
        count: usize,
        #[arg(long, default_value_t = 42)]
        seed: u64,
    },
}

#[derive(Subcommand)]
enum AdminCommand {
    /// Create a staff account with a one-time password, printed once.
    Create {
        /// The account's email address.
        #[arg(long)]
        email: String,
        /// The account's role.
        #[arg(long, value_enum, default_value_t = StaffRole::Admin)]
        role: StaffRole,
    },
    /// Publish jobs of verified companies without review (`on`), or send every job to the moderators (`off`).
    AutoApproveVerifiedJobs {
        #[arg(value_enum)]
        state: Switch,
    },
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Switch {
    On,
    Off,
}

#[derive(Clone, Copy, ValueEnum)]
enum StaffRole {
    Admin,
    Moderator,
}

fn main() -> ExitCode {
    one_malloc_arena();
    let _ = dotenvy::dotenv();
    let cli = Cli::parse();
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn")),
        )
        .with_target(false)
        .init();
    let config = match Config::from_env() {
        Ok(config) => config,
        Err(error) => {
            eprintln!("hubboard: {error}");
            return ExitCode::from(2);
        }
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("hubboard: cannot start the async runtime: {error}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(cli.command, config)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("hubboard: {error:#}");
            ExitCode::FAILURE
        }
    }
}

/// SQLite allocates through the C library's `malloc`, and glibc gives each thread that does so an arena of its own
/// — one per database connection here — each keeping the memory it freed. Sharing one arena keeps about 17 MiB
/// fewer resident under load; glibc's per-thread caches still serve most small allocations without its lock.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
#[allow(unsafe_code)]
fn one_malloc_arena() {
    // SAFETY: `mallopt` only sets a tuning parameter of the allocator; it is called before any other thread exists.
    if unsafe { libc::mallopt(libc::M_ARENA_MAX, 1) } != 1 {
        eprintln!(
            "hubboard: the C allocator did not take M_ARENA_MAX; SQLite's memory may grow per connection"
        );
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn one_malloc_arena() {}

async fn run(command: Command, config: Config) -> anyhow::Result<()> {
    match command {
        Command::Serve {
            #[cfg(feature = "dev")]
            demo,
        } => {
            let db = open_database(&config).await?;
            if let Some(admin) = accounts::ensure_first_admin(&db, &config.admin_email).await? {
                accounts::announce(&admin);
                #[cfg(feature = "dev")]
                if demo {
                    seed_demo(&db).await?;
                }
            }
            let listener = tokio::net::TcpListener::bind(config.site_addr)
                .await
                .map_err(|e| {
                    anyhow::anyhow!(
                        "cannot listen on LEPTOS_SITE_ADDR {}: {e}",
                        config.site_addr
                    )
                })?;
            tracing::info!(address = %config.site_addr, database = config.database_url.split(':').next().unwrap_or(""), "serving http://{}", config.site_addr);
            server::serve(&config, db, listener, server::shutdown_signal()).await
        }
        Command::Migrate => {
            open_database(&config).await?;
            println!("Database is up to date.");
            Ok(())
        }
        Command::Admin {
            command: AdminCommand::AutoApproveVerifiedJobs { state },
        } => {
            let db = open_database(&config).await?;
            let value = if state == Switch::On { "on" } else { "off" };
            let setting = app::backend::settings::Setting::AutoApproveVerifiedJobs;
            app::backend::settings::set(&db, setting, value).await?;
            println!(
                "Jobs of verified companies are now {}.",
                if state == Switch::On {
                    "published without review"
                } else {
                    "reviewed like every other job"
                }
            );
            db.close().await;
            Ok(())
        }
        Command::Admin {
            command: AdminCommand::Create { email, role },
        } => {
            let email =
                Email::parse(&email).map_err(|e| anyhow::anyhow!("--email: {}", e.message))?;
            let role = match role {
                StaffRole::Admin => Role::Admin,
                StaffRole::Moderator => Role::Moderator,
            };
            let db = open_database(&config).await?;
            let created = accounts::create_with_one_time_password(&db, &email, role).await?;
            accounts::announce(&created);
            Ok(())
        }
        Command::Backup { file } => {
            let db = open_database(&config).await?;
            let started = std::time::Instant::now();
            let written = server::backup::backup(&db, &file).await?;
            println!(
                "Backed up to {} ({} bytes, {} accounts) in {:.1} s; integrity check passed.",
                file.display(),
                written.bytes,
                written.users,
                started.elapsed().as_secs_f64()
            );
            Ok(())
        }
        Command::Restore { file } => {
            let target = server::backup::restore(&file, &config.database_url).await?;
            println!(
                "Restored {} to {}; the previous file is kept as {}.",
                file.display(),
                target.display(),
                target.with_extension("before-restore").display()
            );
            Ok(())
        }
        Command::Precompress { dir } => {
            let started = std::time::Instant::now();
            let done = server::assets::precompress(&dir)
                .map_err(|e| anyhow::anyhow!("cannot precompress {}: {e}", dir.display()))?;
            println!(
                "{} files in {}: {} compressed anew, {} stale copies removed; {} KiB, {} KiB as brotli ({:.1} s).",
                done.files,
                dir.display(),
                done.written,
                done.removed,
                done.bytes / 1024,
                done.brotli_bytes / 1024,
                started.elapsed().as_secs_f64()
            );
            Ok(())
        }
        #[cfg(feature = "dev")]
        Command::SeedDemo => {
            let db = open_database(&config).await?;
            seed_demo(&db).await
        }
        #[cfg(feature = "dev")]
        Command::SeedBench {
            companies,
            jobs,
            articles,
            seed,
        } => {
            let db = open_database(&config).await?;
            server::bench_data::seed_companies(&db, companies, seed).await?;
            server::bench_data::seed_jobs(&db, jobs, seed).await?;
            server::bench_data::seed_articles(&db, articles, seed).await?;
            // Made in bulk before any instance served it: no instance needs to follow these changes.
            sqlx::query("delete from changes")
                .execute(db.write())
                .await?;
            db.close().await;
            Ok(())
        }
        #[cfg(feature = "dev")]
        Command::BenchAlerts {
            subscribers,
            jobs,
            articles,
            seed,
        } => {
            let db = open_database(&config).await?;
            let figures = server::bench_alerts::run(&db, subscribers, jobs, articles, seed).await?;
            figures.print();
            db.close().await;
            Ok(())
        }
        #[cfg(feature = "dev")]
        Command::BenchSearches { count, seed } => {
            let db = open_database(&config).await?;
            for path in server::bench_data::searches(&db, count, seed).await? {
                println!("{path}");
            }
            db.close().await;
            Ok(())
        }
    }
}

#[cfg(feature = "dev")]
async fn seed_demo(db: &app::backend::db::Db) -> anyhow::Result<()> {
    let created = server::demo::seed_demo_accounts(db).await?;
    for account in &created {
        accounts::announce(account);
    }
    let companies = server::demo::seed_companies(db).await?;
    let jobs = server::demo::seed_jobs(db).await?;
    let articles = server::demo::seed_articles(db).await?;
    println!(
        "Demo content loaded ({} new demo accounts, {companies} new companies, {jobs} new jobs, {articles} new articles).",
        created.len()
    );
    Ok(())
}
