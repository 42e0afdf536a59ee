"""Content: articles, the shared staff lifecycle, the feed and the starter catalogue."""
