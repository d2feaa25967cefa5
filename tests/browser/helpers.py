"""Watching the site's security policies from the browser tests."""

# Reports each Content-Security-Policy violation of the page (or a frame in it) to the test.
REPORT_POLICY_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => window.reportPolicyViolation(
    `${event.effectiveDirective} blocked ${event.blockedURI || "inline code"}`
    + ` at ${event.sourceFile || event.documentURI}:${event.lineNumber}`
));
"""


# How Chromium's console names the two headers when it refuses or rejects something.
POLICY_MESSAGES = ("Content Security Policy", "Permissions-Policy")


def watch_policy_violations(context, violations):
    """Collect the context's CSP violations and the browser's complaints about the security
    headers (a Permissions-Policy feature it does not know, a malformed policy)."""

    def on_console(message):
        if message.type in ("error", "warning") and any(
            name in message.text for name in POLICY_MESSAGES
        ):
            violations.append(message.text)

    context.expose_binding("reportPolicyViolation", lambda source, text: violations.append(text))
    context.add_init_script(REPORT_POLICY_VIOLATIONS)
    context.on("console", on_console)
