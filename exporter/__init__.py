"""exporter: plain-text scholarly reviews to TEI P5, EPUB 3, PDF and BibTeX."""

__version__ = "0.1.0"
