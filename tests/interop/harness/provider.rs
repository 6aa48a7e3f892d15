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
    /// Its port, and the RP back-channel listener's it posts to (a restart reuses both).
    pub port: u16,
    pub backchannel_port: u16,
}

impl Provider {
    /// Kills the process and waits for it to exit (dropping does the same).
    pub fn stop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Provider {
    fn drop(&mut self) {
        self.stop();
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
    start_provider_on(free_port(), backchannel_port, None)
}

/// A provider on `port`; `signing_keys` (`"rsa-2,rsa-1"`: test keys in
/// `tests/data/keys`, the first one signing) replaces its development key.
pub fn start_provider_on(port: u16, backchannel_port: u16, signing_keys: Option<&str>) -> Provider {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/interop");
    let mut command = Command::new("node");
    if let Some(keys) = signing_keys {
        command.env("SIGNING_KEYS", keys);
    }
    let mut child = command
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
        port,
        backchannel_port,
    };
    match rx.recv_timeout(TIMEOUT) {
        Ok(issuer) => provider.issuer = issuer,
        Err(_) => panic!(
            "the provider did not start within {TIMEOUT:?} (did `npm ci` run in tests/interop?)"
        ),
    }
    provider
}
