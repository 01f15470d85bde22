"""AnyStyle's word dictionary as the labeller reads it. The expected sections were found by reading
the vendored file itself (`zcat … | grep -nx WORD` and the `#! section` line above it), not from
the module's answers."""

from __future__ import annotations

import gzip

from exporter.reader.references import dictionary


def test_each_section_is_sorted_so_that_bisection_finds_every_word() -> None:
    for section, words in zip(dictionary.SECTIONS, dictionary._lists(), strict=True):
        assert words, section
        assert words == sorted(words), section


def test_every_section_of_the_file_is_read() -> None:
    text = gzip.decompress(dictionary.DICTIONARY_FILE.read_bytes()).decode("utf-8")
    heads = [line[3:] for line in text.splitlines() if line.startswith("#! ")]
    assert sorted(heads) == sorted(dictionary.SECTIONS)
    assert sum(map(len, dictionary._lists())) == len(text.splitlines()) - len(heads)


def test_a_town_a_publisher_and_an_unknown_word() -> None:
    assert dictionary.tags("minneapolis") == "l"  # only in `#! place`
    assert dictionary.tags("suhrkamp") == "p"  # only in `#! publisher`
    assert dictionary.tags("gallimard") == ""
    assert dictionary.tags("of") == ""  # the dictionary holds words of three letters or more
