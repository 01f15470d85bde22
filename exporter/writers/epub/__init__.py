"""The EPUB 3 book: the shared XHTML split into content documents and packaged reproducibly."""
