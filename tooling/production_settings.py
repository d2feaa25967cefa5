"""Production settings plus the tooling app, for the tooling's own commands (load_demo_content,
build_bench_data, count_queries) on the throwaway production database of the bench or the audit.
The site they then serve under gunicorn runs on cms.settings.production itself.
"""

from cms.settings.production import *  # noqa: F403
from cms.settings.production import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "tooling"]
