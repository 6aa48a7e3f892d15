//! The provider process: `node provider.js` on a free loopback port, killed on drop.

use std::io::{BufRead, BufReader};
use std::net::TcpListener;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;

use super::TIMEOUT;

/// The provider process; killed on drop.
pub struct Provider {
    child: Child,
    /// The provider's issuer identifier (`http://127.0.0.1:<port>`).
    pub issuer: String,
}

impl Drop for Provider {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

pub fn start_provider(backchannel_port: u16) -> Provider {
    let port = free_port();
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/interop");
    let mut child = Command::new("node")
        .arg("provider.js")
        .arg(port.to_string())
        .arg(backchannel_port.to_string())
        .current_dir(dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("cannot run node: the interop test needs Node.js (see tests/interop/run.sh)");
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if let Some(issuer) = line.strip_prefix("READY ") {
                let _ = tx.send(issuer.to_owned());
            }
        }
    });
    let mut provider = Provider {
        child,
        issuer: String::new(),
    };
    match rx.recv_timeout(TIMEOUT) {
        Ok(issuer) => provider.issuer = issuer,
        Err(_) => panic!(
            "the provider did not start within {TIMEOUT:?} (did `npm ci` run in tests/interop?)"
        ),
    }
    provider
}
