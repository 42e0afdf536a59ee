"""The starter catalogue: Markdown files with YAML front matter, loaded by slug."""
