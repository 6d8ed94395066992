"""Security headers: every response carries a strict policy; HSTS only when the request is HTTPS."""
import pytest

from quizapp.headers import CONTENT_SECURITY_POLICY

EXPECTED = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
}


def _parameterless_get_paths(app):
    return sorted({rule.rule for rule in app.url_map.iter_rules()
                   if "GET" in rule.methods and not rule.arguments})


def _assert_headers(response, where):
    for name, value in EXPECTED.items():
        assert response.headers.get(name) == value, f"{where}: {name} is {response.headers.get(name)!r}"
    assert "Strict-Transport-Security" not in response.headers, f"{where}: HSTS over plain HTTP"


def test_policy_allows_only_the_site_itself():
    """No inline script or style, no eval, no framing, no other origin."""
    directives = dict(part.split(" ", 1) for part in CONTENT_SECURITY_POLICY.split("; "))
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'" and directives["style-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'" and directives["object-src"] == "'none'"
    assert "unsafe" not in CONTENT_SECURITY_POLICY and "*" not in CONTENT_SECURITY_POLICY


def test_every_page_signed_out_and_in_has_the_headers(client, auth, make_user, seed_sets):
    """Every GET route without parameters, signed out and as a teacher, plus static files and errors."""
    paths = _parameterless_get_paths(client.application)
    assert "/" in paths and "/login" in paths and "/sw.js" in paths
    for who in ("anonymous", "teacher"):
        if who == "teacher":
            make_user("teacher@example.org", role="teacher")
            auth.login("teacher@example.org")
        for path in paths:
            response = client.get(path)
            assert response.status_code < 500, f"{who} {path}: {response.status_code}"
            _assert_headers(response, f"{who} {path}")
    for path in ("/static/style.css", "/static/app.js", "/no/such/page", "/api/v1/no-such-thing"):
        _assert_headers(client.get(path), path)


def test_hsts_only_over_https(client):
    """A request that arrived over HTTPS gets Strict-Transport-Security; plain HTTP does not."""
    assert "Strict-Transport-Security" not in client.get("/login").headers
    secure = client.get("/login", base_url="https://quiz.example.org")
    assert secure.headers["Strict-Transport-Security"].startswith("max-age=63072000")


def test_forwarded_proto_is_ignored_without_trusted_proxies(client):
    """A client cannot claim HTTPS with X-Forwarded-Proto unless a proxy is trusted."""
    response = client.get("/login", headers={"X-Forwarded-Proto": "https"})
    assert "Strict-Transport-Security" not in response.headers


@pytest.mark.parametrize("app_config", [{"QUIZAPP_TRUSTED_PROXIES": 1}])
def test_trusted_proxy_forwarded_https_gets_hsts(client):
    """Behind one trusted proxy, its X-Forwarded-Proto: https counts as HTTPS."""
    response = client.get("/login", headers={"X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.9"})
    assert response.headers["Strict-Transport-Security"].startswith("max-age=")
    assert "Strict-Transport-Security" not in client.get("/login").headers
