"""Back up the site (database and stored files) into one archive and restore it elsewhere:
`manage.py backup_site` and `manage.py restore_site` (README, «Back up and restore»)."""
