//! Whether the Hostless API must be reached through an outbound proxy, decided once at start-up from the
//! variables curl and reqwest read (`HTTPS_PROXY`, `HTTP_PROXY`, `ALL_PROXY`, `NO_PROXY`, upper case first,
//! then lower case), with the rules reqwest applies to them; see [`api_proxy`].

use std::fmt;
use std::net::IpAddr;

use url::{Host, Url};

/// The proxy that API calls go through. Its text (`Display`, `Debug`) never shows the URL's credentials.
#[derive(Clone, PartialEq, Eq)]
pub struct ApiProxy {
    url: Url,
    /// The variable it came from, for the start-up log line.
    pub from: &'static str,
}

impl ApiProxy {
    /// A proxy URL as given (tests); `http://` is assumed when there is no scheme.
    pub fn parse(text: &str, from: &'static str) -> Result<Self, String> {
        let text = text.trim();
        let with_scheme = if text.contains("://") {
            text.to_owned()
        } else {
            format!("http://{text}")
        };
        let url =
            Url::parse(&with_scheme).map_err(|e| format!("{from} is not a proxy URL ({e})"))?;
        if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
            // reqwest is built without SOCKS support: refusing is better than going around the proxy.
            return Err(format!(
                "{from} names a {} proxy; only http:// and https:// proxies are supported",
                url.scheme()
            ));
        }
        Ok(Self { url, from })
    }

    /// The URL to hand to the HTTP client, credentials included.
    pub fn url(&self) -> &Url {
        &self.url
    }
}

impl fmt::Display for ApiProxy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let host = self.url.host_str().unwrap_or_default();
        match self.url.port() {
            Some(port) => write!(f, "{}://{host}:{port}", self.url.scheme()),
            None => write!(f, "{}://{host}", self.url.scheme()),
        }
    }
}

impl fmt::Debug for ApiProxy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ApiProxy({self} from {})", self.from)
    }
}

/// The first of `names` that is set to something other than blanks.
fn first(
    var: &impl Fn(&str) -> Option<String>,
    names: &[&'static str],
) -> Option<(String, &'static str)> {
    names.iter().find_map(|&name| {
        var(name)
            .filter(|v| !v.trim().is_empty())
            .map(|v| (v, name))
    })
}

/// The proxy for calls to `base`, from the variables `var` reads (the process environment outside tests):
/// `HTTPS_PROXY` for an https base, `HTTP_PROXY` for an http one, else `ALL_PROXY`; none when `NO_PROXY`
/// names the base's host.
pub fn api_proxy(
    base: &Url,
    var: impl Fn(&str) -> Option<String>,
) -> Result<Option<ApiProxy>, String> {
    let scheme_names: &[&'static str] = match base.scheme() {
        "https" => &["HTTPS_PROXY", "https_proxy"],
        _ => &["HTTP_PROXY", "http_proxy"],
    };
    let Some((text, from)) =
        first(&var, scheme_names).or_else(|| first(&var, &["ALL_PROXY", "all_proxy"]))
    else {
        return Ok(None);
    };
    if let (Some((no_proxy, _)), Some(host)) = (first(&var, &["NO_PROXY", "no_proxy"]), base.host())
        && bypassed(&no_proxy, &host)
    {
        return Ok(None);
    }
    ApiProxy::parse(&text, from).map(Some)
}

/// Whether a `NO_PROXY` list names `host`: `*`; an IP address or a CIDR block holding it; a domain that is the
/// host or one of its parents (`example.com` and `.example.com` both cover `api.example.com`).
fn bypassed(no_proxy: &str, host: &Host<&str>) -> bool {
    let ip = match host {
        Host::Ipv4(ip) => Some(IpAddr::V4(*ip)),
        Host::Ipv6(ip) => Some(IpAddr::V6(*ip)),
        Host::Domain(_) => None,
    };
    no_proxy.split(',').map(str::trim).any(|entry| {
        if entry == "*" {
            return true;
        }
        match (ip, host) {
            (Some(ip), _) => ip_matches(entry, ip),
            (None, Host::Domain(domain)) => domain_matches(entry, domain),
            (None, _) => false,
        }
    })
}

fn ip_matches(entry: &str, ip: IpAddr) -> bool {
    let entry = entry.trim_start_matches('[').trim_end_matches(']');
    let (address, bits) = match entry.split_once('/') {
        Some((address, bits)) => match bits.parse::<u32>() {
            Ok(bits) => (address, Some(bits)),
            Err(_) => return false,
        },
        None => (entry, None),
    };
    let Ok(network) = address.parse::<IpAddr>() else {
        return false;
    };
    match (network, ip) {
        (IpAddr::V4(n), IpAddr::V4(a)) => {
            let bits = bits.unwrap_or(32).min(32);
            let mask = u32::MAX.checked_shl(32 - bits).unwrap_or(0);
            u32::from(n) & mask == u32::from(a) & mask
        }
        (IpAddr::V6(n), IpAddr::V6(a)) => {
            let bits = bits.unwrap_or(128).min(128);
            let mask = u128::MAX.checked_shl(128 - bits).unwrap_or(0);
            u128::from(n) & mask == u128::from(a) & mask
        }
        _ => false,
    }
}

fn domain_matches(entry: &str, domain: &str) -> bool {
    // curl allows a port after a name; the port does not narrow the match.
    let entry = entry.split(':').next().unwrap_or_default();
    let entry = entry.trim_start_matches('*').trim_start_matches('.');
    if entry.is_empty() {
        return false;
    }
    let domain = domain.trim_end_matches('.');
    domain.eq_ignore_ascii_case(entry)
        || domain.len() > entry.len()
            && domain
                .get(domain.len() - entry.len() - 1..)
                .is_some_and(|tail| {
                    tail.starts_with('.')
                        && tail.get(1..).is_some_and(|t| t.eq_ignore_ascii_case(entry))
                })
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use std::collections::HashMap;

    use super::*;

    fn decide(base: &str, vars: &[(&str, &str)]) -> Option<String> {
        let vars: HashMap<String, String> = vars
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        api_proxy(&Url::parse(base).unwrap(), |name| vars.get(name).cloned())
            .unwrap()
            .map(|p| format!("{p} from {}", p.from))
    }

    #[test]
    fn the_scheme_chooses_the_variable_and_all_proxy_is_the_fallback() {
        let https = "https://api.hostless.dev";
        assert_eq!(decide(https, &[]), None);
        assert_eq!(decide(https, &[("HTTP_PROXY", "http://p:3128")]), None);
        assert_eq!(
            decide(https, &[("https_proxy", "p:3128")]).as_deref(),
            Some("http://p:3128 from https_proxy")
        );
        assert_eq!(
            decide(
                https,
                &[("HTTPS_PROXY", "http://a:1"), ("https_proxy", "http://b:2")]
            )
            .as_deref(),
            Some("http://a:1 from HTTPS_PROXY")
        );
        assert_eq!(
            decide(
                https,
                &[("HTTPS_PROXY", " "), ("ALL_PROXY", "http://all:8080")]
            )
            .as_deref(),
            Some("http://all:8080 from ALL_PROXY")
        );
        assert_eq!(
            decide(
                "http://127.0.0.1:4000",
                &[("HTTPS_PROXY", "http://s:1"), ("http_proxy", "http://h:2")]
            )
            .as_deref(),
            Some("http://h:2 from http_proxy")
        );
    }

    #[test]
    fn no_proxy_names_hosts_parents_and_networks() {
        let proxy = ("ALL_PROXY", "http://p:3128");
        for (base, no_proxy, direct) in [
            ("https://api.hostless.dev", "hostless.dev", true),
            ("https://api.hostless.dev", ".hostless.dev", true),
            ("https://api.hostless.dev", "*.hostless.dev", true),
            (
                "https://API.Hostless.dev",
                "localhost, api.hostless.dev:443",
                true,
            ),
            ("https://api.hostless.dev", "*", true),
            ("https://api.hostless.dev", "less.dev", false),
            ("https://api.hostless.dev", "other.dev,", false),
            ("https://hostless.dev", ".hostless.dev", true),
            ("http://10.1.2.3:4000", "10.0.0.0/8", true),
            ("http://10.1.2.3:4000", "10.1.2.4", false),
            ("http://10.1.2.3:4000", "10.1.2.3", true),
            ("http://[::1]:4000", "::1", true),
            ("http://[fd00::5]:4000", "fd00::/16", true),
            ("http://[fd00::5]:4000", "10.0.0.0/8", false),
        ] {
            let got = decide(base, &[proxy, ("NO_PROXY", no_proxy)]);
            assert_eq!(got.is_none(), direct, "{base} with NO_PROXY={no_proxy}");
        }
        assert!(decide("https://a.b", &[proxy, ("no_proxy", "a.b")]).is_none());
    }

    #[test]
    fn credentials_never_show_and_socks_is_refused() {
        let p = ApiProxy::parse("http://user:s3cret@proxy.corp:3128", "HTTPS_PROXY").unwrap();
        assert_eq!(p.to_string(), "http://proxy.corp:3128");
        assert!(!format!("{p:?}").contains("s3cret"));
        assert_eq!(p.url().password(), Some("s3cret"));
        let err = api_proxy(&Url::parse("https://a.b").unwrap(), |name| {
            (name == "ALL_PROXY").then(|| "socks5://p:1080".to_owned())
        })
        .unwrap_err();
        assert!(err.contains("ALL_PROXY") && err.contains("socks5"), "{err}");
    }
}
