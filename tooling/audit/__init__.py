"""The quality audit of `make audit` (manage.py audit_site): Lighthouse, axe and the Nu checker."""
