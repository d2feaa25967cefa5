"""The quality audit of `make audit` (manage.py audit_site): Lighthouse, axe and the Nu checker.

Lighthouse and the Nu HTML checker are npm packages of their own (package.json here), which
`make audit` installs into node_modules here; axe-core is the browser tests' (the root's).
"""
