"""One reference string, in any style, -> a TEI biblStruct.

The steps, a module each: `finding` (where the reference list is), `labelling` (the trained CRF:
tokens -> field labels), `normalising` (labels -> names, dates, numbers, type), `housestyle` (the
rules for the seed's own house style).
"""

from exporter.reader.references.housestyle import entry_key, parse_reference, parse_reviewed_work

__all__ = ["entry_key", "parse_reference", "parse_reviewed_work"]
