//! A user agent over ureq: keeps cookies, follows no redirect by itself, answers the
//! provider's development login and consent pages.

use super::{REDIRECT_URI_PREFIX, TIMEOUT};

/// A user agent: keeps cookies, does not follow redirects.
pub struct Browser {
    agent: ureq::Agent,
    base: String,
}

pub struct Reply {
    pub status: u16,
    pub location: Option<String>,
    pub body: String,
    /// Every response header, names in lower case.
    pub headers: Vec<(String, String)>,
}

impl Reply {
    /// The first value of the header `name` (any case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

impl Browser {
    pub fn new(base: &str) -> Self {
        Browser {
            agent: ureq::AgentBuilder::new()
                .redirects(0)
                .timeout(TIMEOUT)
                .build(),
            base: base.to_owned(),
        }
    }

    fn absolute(&self, url: &str) -> String {
        if url.starts_with("http://") || url.starts_with("https://") {
            url.to_owned()
        } else {
            format!("{}{url}", self.base)
        }
    }

    fn reply(result: Result<ureq::Response, ureq::Error>) -> Reply {
        let response = match result {
            Ok(r) => r,
            Err(ureq::Error::Status(_, r)) => r,
            Err(e) => panic!("HTTP failed: {e}"),
        };
        let headers = response
            .headers_names()
            .into_iter()
            .flat_map(|name| {
                response
                    .all(&name)
                    .into_iter()
                    .map(|value| (name.to_ascii_lowercase(), value.to_owned()))
                    .collect::<Vec<_>>()
            })
            .collect();
        Reply {
            status: response.status(),
            location: response.header("location").map(str::to_owned),
            headers,
            body: response.into_string().unwrap_or_default(),
        }
    }

    /// POSTs a form authenticated by `auth` (its header and parameters), with `extra`
    /// headers (a DPoP proof).
    pub fn post_authenticated(
        &self,
        url: &str,
        auth: &oidc_core::client_auth::ClientAuth,
        form: &str,
        extra: &[(&str, &str)],
    ) -> Reply {
        let sent = auth.apply(form).expect("client authentication applies");
        let mut headers: Vec<(&str, &str)> = extra.to_vec();
        if let Some(authorization) = &sent.authorization {
            headers.push(("Authorization", authorization));
        }
        self.request("POST", url, &headers, Some(&sent.body))
    }

    /// A request with any method, headers and (form) body.
    pub fn request(
        &self,
        method: &str,
        url: &str,
        headers: &[(&str, &str)],
        form: Option<&str>,
    ) -> Reply {
        let mut request = self.agent.request(method, &self.absolute(url));
        for (name, value) in headers {
            request = request.set(name, value);
        }
        match form {
            Some(body) => Self::reply(
                request
                    .set("Content-Type", "application/x-www-form-urlencoded")
                    .send_string(body),
            ),
            None => Self::reply(request.call()),
        }
    }

    pub fn get(&self, url: &str, bearer: Option<&str>) -> Reply {
        let mut request = self.agent.get(&self.absolute(url));
        if let Some(token) = bearer {
            request = request.set("Authorization", &format!("Bearer {token}"));
        }
        Self::reply(request.call())
    }

    pub fn post_form(&self, url: &str, body: &str, basic: Option<(&str, &str)>) -> Reply {
        self.post_form_accepting(url, body, basic, "application/json")
    }

    /// [`post_form`](Self::post_form) with an `Accept` header (RFC 9701 §4: a JWT
    /// introspection response is asked for with `application/token-introspection+jwt`).
    pub fn post_form_accepting(
        &self,
        url: &str,
        body: &str,
        basic: Option<(&str, &str)>,
        accept: &str,
    ) -> Reply {
        let mut request = self
            .agent
            .post(&self.absolute(url))
            .set("Content-Type", "application/x-www-form-urlencoded")
            .set("Accept", accept);
        if let Some((id, secret)) = basic {
            request = request.set(
                "Authorization",
                &oidc_core::client_auth::basic_authorization(id, secret),
            );
        }
        Self::reply(request.send_string(body))
    }

    /// A request with a JSON body (or none) and an optional `Authorization` header
    /// value: the client configuration endpoint's GET / PUT / DELETE (RFC 7592 §2),
    /// registration's POST (RFC 7591 §3.1).
    pub fn send(
        &self,
        method: &str,
        url: &str,
        json: Option<&str>,
        authorization: Option<&str>,
    ) -> Reply {
        let mut request = self
            .agent
            .request(method, &self.absolute(url))
            .set("Accept", "application/json");
        if let Some(value) = authorization {
            request = request.set("Authorization", value);
        }
        Self::reply(match json {
            Some(body) => request
                .set("Content-Type", "application/json")
                .send_string(body),
            None => request.call(),
        })
    }

    /// Answers the provider's pages from `url` on (a form of its own, login and
    /// consent) until one is neither a redirect nor a form; returns that page. The
    /// device flow's user side: the verification page, then the authorization.
    pub fn complete_interaction(&self, url: &str, user: &str, first_form: &str) -> Reply {
        let mut reply = self.get(url, None);
        let mut form = Some(first_form.to_owned());
        for _ in 0..16 {
            if let Some(location) = reply.location.clone() {
                reply = self.get(&location, None);
                continue;
            }
            if !reply.body.contains("<form") {
                return reply;
            }
            let action = form_action(&reply.body);
            let body = if reply.body.contains(r#"name="login""#) {
                format!("prompt=login&login={user}&password=anything")
            } else if reply.body.contains(r#"name="prompt" value="consent""#)
                || action.contains("/interaction/")
            {
                "prompt=consent".to_owned()
            } else {
                let xsrf = hidden_input(&reply.body, "xsrf");
                let filled = form.take().unwrap_or_else(|| {
                    // The confirmation page repeats the code it shows.
                    format!(
                        "user_code={}&confirm=yes",
                        hidden_input(&reply.body, "user_code")
                    )
                });
                format!("xsrf={xsrf}&{filled}")
            };
            reply = self.post_form(&action, &body, None);
        }
        panic!("too many pages starting at {url}");
    }

    /// The provider's logout at `url` (its `end_session_endpoint`, with or without
    /// parameters): the confirmation page, then "yes"; returns the provider's answer
    /// (a redirect to the `post_logout_redirect_uri`, or its own page).
    pub fn confirm_logout(&self, url: &str) -> Reply {
        let page = self.get(url, None);
        assert_eq!(
            page.status, 200,
            "a logout confirmation page: {}",
            page.body
        );
        let confirm = format!("xsrf={}&logout=yes", hidden_input(&page.body, "xsrf"));
        self.post_form(&form_action(&page.body), &confirm, None)
    }

    /// Follows the provider's redirects and answers its login and consent pages until it
    /// redirects to the RP; returns that Location.
    pub fn authorize(&self, url: &str, user: &str) -> String {
        self.authorize_to(url, user, REDIRECT_URI_PREFIX)
    }

    /// [`authorize`](Self::authorize) for an RP whose redirect URIs start with
    /// `rp_prefix`.
    pub fn authorize_to(&self, url: &str, user: &str, rp_prefix: &str) -> String {
        let mut next = url.to_owned();
        for _ in 0..12 {
            let reply = self.get(&next, None);
            let location = reply.location.unwrap_or_else(|| {
                panic!("no redirect from {next}: {} {}", reply.status, reply.body)
            });
            if location.starts_with(rp_prefix) {
                return location;
            }
            if !location.contains("/interaction/") {
                next = location;
                continue;
            }
            let page = self.get(&location, None);
            let action = form_action(&page.body);
            let body = if page.body.contains(r#"name="login""#) {
                format!("prompt=login&login={user}&password=anything")
            } else {
                "prompt=consent".to_owned()
            };
            let submitted = self.post_form(&action, &body, None);
            next = submitted
                .location
                .expect("the interaction redirects back to the authorization endpoint");
        }
        panic!("too many redirects starting at {url}");
    }
}

pub fn form_action(html: &str) -> String {
    let start = html.find("<form").expect("a form");
    let action = &html[start..];
    let action = &action[action.find("action=\"").expect("an action") + 8..];
    action[..action.find('"').unwrap()].replace("&amp;", "&")
}

pub fn hidden_input(html: &str, name: &str) -> String {
    let marker = format!(r#"name="{name}" value=""#);
    let start = html
        .find(&marker)
        .unwrap_or_else(|| panic!("no {name} input in {html}"))
        + marker.len();
    html[start..start + html[start..].find('"').unwrap()].to_owned()
}
