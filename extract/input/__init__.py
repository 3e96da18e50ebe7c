"""Reading articles: files, folders and JSON lines in; plain text, with boilerplate marked, out."""
