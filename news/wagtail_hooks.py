# News rubrics are registered in partners.wagtail_hooks, in the «Справочники» menu group.
