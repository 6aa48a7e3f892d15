//! The `htu` claim: the request's URI without query and fragment (RFC 9449 §4.2),
//! compared after normalisation (§4.3 step 9).

/// `uri` as a DPoP `htu`: an absolute `http` / `https` URI without its query and
/// fragment (RFC 9449 §4.2), normalised as §4.3 step 9 asks of servers before comparing
/// — RFC 3986 §6.2.2 syntax-based normalisation (scheme and host in lower case,
/// percent-encodings in upper case and unreserved ones decoded, dot segments removed)
/// and §6.2.3 scheme-based normalisation (the default port dropped, an empty path
/// written `/`). `None` when `uri` is not an absolute http(s) URI.
///
/// ```
/// use oidc_core::dpop::normalize_htu;
///
/// assert_eq!(normalize_htu("HTTPS://Server.Example.com:443/a/./b/../token?x=1#f").as_deref(),
///            Some("https://server.example.com/a/token"));
/// assert_eq!(normalize_htu("https://rs.example/%7euser/%2fdata").as_deref(),
///            Some("https://rs.example/~user/%2Fdata"));
/// assert_eq!(normalize_htu("https://rs.example").as_deref(), Some("https://rs.example/"));
/// assert_eq!(normalize_htu("/token"), None);
/// assert_eq!(normalize_htu("ftp://rs.example/"), None);
/// ```
pub fn normalize_htu(uri: &str) -> Option<String> {
    let mut url = url::Url::parse(uri.trim()).ok()?;
    if !matches!(url.scheme(), "http" | "https") || url.host().is_none() {
        return None;
    }
    url.set_query(None);
    url.set_fragment(None);
    // The WHATWG parser has lower-cased the scheme and host, dropped the default port
    // and resolved dot segments; percent-encodings it leaves as written.
    let path = normalize_percent(url.path());
    url.set_path(&path);
    Some(url.into())
}

/// Percent-encodings in upper case; those of unreserved characters (RFC 3986 §2.3)
/// decoded (§6.2.2.1, §6.2.2.2).
fn normalize_percent(path: &str) -> String {
    let bytes = path.as_bytes();
    let mut out = String::with_capacity(path.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let (Some(hi), Some(lo)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                let byte = (hi * 16 + lo) as u8;
                if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
                    out.push(byte as char);
                } else {
                    out.push('%');
                    out.push(bytes[i + 1].to_ascii_uppercase() as char);
                    out.push(bytes[i + 2].to_ascii_uppercase() as char);
                }
                i += 3;
                continue;
            }
        }
        // Every other byte is copied; `path` is ASCII (the URL parser encoded the rest).
        out.push(bytes[i] as char);
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_forms() {
        assert_eq!(normalize_percent("/%41%7e%2f%2F%zz%4"), "/A~%2F%2F%zz%4");
        assert_eq!(normalize_percent("/a%20b"), "/a%20b");
        assert_eq!(normalize_percent("%"), "%");
        assert_eq!(normalize_percent("/%2"), "/%2");
        assert_eq!(normalize_percent("/%2d"), "/-");
    }

    #[test]
    fn uris() {
        let same = [
            "https://server.example.com/token",
            "https://SERVER.example.com:443/token",
            "https://server.example.com/token?a=b",
            "https://server.example.com/token#x",
            "https://server.example.com/x/../token",
            "https://server.example.com/%74oken",
        ];
        for uri in same {
            assert_eq!(
                normalize_htu(uri).as_deref(),
                Some("https://server.example.com/token"),
                "{uri}"
            );
        }
        assert_eq!(
            normalize_htu("http://127.0.0.1:80/me").as_deref(),
            Some("http://127.0.0.1/me")
        );
        assert_eq!(
            normalize_htu("http://127.0.0.1:3000/me").as_deref(),
            Some("http://127.0.0.1:3000/me")
        );
        assert_ne!(
            normalize_htu("https://server.example.com/Token"),
            normalize_htu("https://server.example.com/token")
        );
        assert_ne!(
            normalize_htu("https://server.example.com:8443/token"),
            normalize_htu("https://server.example.com/token")
        );
        for bad in [
            "",
            "token",
            "mailto:a@b",
            "data:text/plain,x",
            "file:///etc/passwd",
            // Other schemes with a host: `htu` is an HTTP request's URI (RFC 9449 §4.2).
            "ftp://server.example.com/token",
            "wss://server.example.com/token",
            "file://server.example.com/token",
        ] {
            assert_eq!(normalize_htu(bad), None, "{bad}");
        }
    }
}
