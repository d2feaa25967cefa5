# The partner-library directory is built in its own issue (snippets, directory page).
