"""Security headers on every response, and the proxy settings that decide what "HTTPS" means.

The pages carry no inline script or style (scripts and styles are files under ``static/``, the
offline words are JSON data blocks, charts size themselves with SVG attributes), so the policy
allows nothing but the site itself.
"""
from flask import Flask, request

# 'self' for everything the app loads: its scripts, styles, icons, media, the service worker and the
# manifest; nothing may frame the app, and forms and <base> cannot point elsewhere.
CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self'",
    "media-src 'self'",
    "font-src 'self'",
    "connect-src 'self'",
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
])
HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Frame-Options": "DENY",  # frame-ancestors for browsers that predate it
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
}
# Two years, as the HSTS preload list asks; sent only over HTTPS (RFC 6797 §7.2).
STRICT_TRANSPORT_SECURITY = "max-age=63072000; includeSubDomains"


def init_app(app: Flask) -> None:
    """Add the headers after every request, and trust ``QUIZAPP_TRUSTED_PROXIES`` proxies' X-Forwarded-*."""
    proxies = app.config.get("QUIZAPP_TRUSTED_PROXIES", 0)
    if proxies:
        from werkzeug.middleware.proxy_fix import ProxyFix

        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=proxies, x_port=proxies)

    @app.after_request
    def security_headers(response):
        for name, value in HEADERS.items():
            response.headers.setdefault(name, value)
        if request.is_secure:
            response.headers.setdefault("Strict-Transport-Security", STRICT_TRANSPORT_SECURITY)
        return response
