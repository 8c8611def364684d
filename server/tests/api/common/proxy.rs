//! A TCP proxy for the scale-out tests: a round-robin load balancer in front of several app instances, or a line
//! to the database that a test can cut and restore.

use std::{
    net::SocketAddr,
    sync::{
        Arc, Mutex,
        atomic::{AtomicUsize, Ordering},
    },
};

use tokio::{
    net::{TcpListener, TcpStream},
    task::JoinHandle,
};

/// A running proxy.
pub struct Proxy {
    pub addr: SocketAddr,
    /// Connections handed to each backend, in the order given.
    pub served: Arc<Vec<AtomicUsize>>,
    listener: JoinHandle<()>,
    connections: Arc<Mutex<Vec<JoinHandle<()>>>>,
}

impl Proxy {
    /// A proxy on a free port that hands each new connection to the next of `backends` in turn.
    pub async fn start(backends: Vec<SocketAddr>) -> Self {
        Self::start_on("127.0.0.1:0".parse().unwrap(), backends).await
    }

    /// A proxy on `addr`, such as the address a stopped one had.
    pub async fn start_on(addr: SocketAddr, backends: Vec<SocketAddr>) -> Self {
        let listener = TcpListener::bind(addr).await.expect("proxy listens");
        let addr = listener.local_addr().unwrap();
        let served: Arc<Vec<AtomicUsize>> =
            Arc::new(backends.iter().map(|_| AtomicUsize::new(0)).collect());
        let connections: Arc<Mutex<Vec<JoinHandle<()>>>> = Arc::default();
        let (counts, open) = (served.clone(), connections.clone());
        let listener = tokio::spawn(async move {
            let mut next = 0;
            while let Ok((mut inbound, _)) = listener.accept().await {
                let index = next % backends.len();
                next += 1;
                counts[index].fetch_add(1, Ordering::SeqCst);
                let backend = backends[index];
                let task = tokio::spawn(async move {
                    if let Ok(mut outbound) = TcpStream::connect(backend).await {
                        let _ = tokio::io::copy_bidirectional(&mut inbound, &mut outbound).await;
                    }
                });
                open.lock().unwrap().push(task);
            }
        });
        Self {
            addr,
            served,
            listener,
            connections,
        }
    }

    /// Connections handed to backend `index` so far.
    pub fn served(&self, index: usize) -> usize {
        self.served[index].load(Ordering::SeqCst)
    }

    /// Stops listening and cuts every open connection, like a network failure; answers the address to restart on.
    pub fn stop(self) -> SocketAddr {
        self.listener.abort();
        for task in self.connections.lock().unwrap().drain(..) {
            task.abort();
        }
        self.addr
    }
}
