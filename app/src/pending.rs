//! What a page is still waiting for while the server renders it, so a render that runs out of time can say which of
//! its data never came (see the server's time limit on building a page).

#[cfg(feature = "ssr")]
use std::{
    panic::Location,
    sync::{
        Arc, Mutex,
        atomic::{AtomicU64, Ordering},
    },
};

/// The loads of one request that have started and not finished, by where in the code each is defined. The server
/// puts one into each request it times.
#[cfg(feature = "ssr")]
#[derive(Clone, Debug, Default)]
pub struct PendingWork(Arc<Mutex<Vec<(u64, &'static Location<'static>)>>>);

#[cfg(feature = "ssr")]
impl PendingWork {
    /// Where the loads still running were defined, oldest first.
    pub fn still_running(&self) -> Vec<String> {
        self.0
            .lock()
            .map(|work| work.iter().map(|(_, at)| at.to_string()).collect())
            .unwrap_or_default()
    }

    fn begin(&self, at: &'static Location<'static>) -> Running {
        static NEXT: AtomicU64 = AtomicU64::new(0);
        let id = NEXT.fetch_add(1, Ordering::Relaxed);
        if let Ok(mut work) = self.0.lock() {
            work.push((id, at));
        }
        Running {
            work: self.clone(),
            id,
        }
    }
}

/// A load in progress; it leaves the list when it ends, finished or dropped.
#[cfg(feature = "ssr")]
struct Running {
    work: PendingWork,
    id: u64,
}

#[cfg(feature = "ssr")]
impl Drop for Running {
    fn drop(&mut self) {
        if let Ok(mut work) = self.work.0.lock() {
            work.retain(|(id, _)| *id != self.id);
        }
    }
}

/// A page resource's fetcher that, on the server, is listed among the request's pending work while it runs,
/// under the place in the code that called this. In the browser it is the fetcher itself.
#[cfg(feature = "ssr")]
#[track_caller]
pub fn pending_while<S, T, Fut>(
    fetcher: impl Fn(S) -> Fut + Send + Sync + 'static,
) -> impl Fn(S) -> futures::future::BoxFuture<'static, T> + Send + Sync + 'static
where
    Fut: std::future::Future<Output = T> + Send + 'static,
    T: 'static,
{
    use futures::FutureExt;
    let at = Location::caller();
    move |input| {
        let running = leptos::prelude::use_context::<http::request::Parts>()
            .and_then(|parts| parts.extensions.get::<PendingWork>().cloned())
            .map(|work| work.begin(at));
        let load = fetcher(input);
        async move {
            let answer = load.await;
            drop(running);
            answer
        }
        .boxed()
    }
}

/// In the browser, the fetcher itself.
#[cfg(not(feature = "ssr"))]
pub fn pending_while<F>(fetcher: F) -> F {
    fetcher
}
