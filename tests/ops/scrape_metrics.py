#!/usr/bin/env python3
"""Scrapes a /metrics endpoint and parses it with prometheus_client's own
parser (Debian's python3-prometheus-client), so the exposition is checked
by a reader other than the writer. Prints one sample per line:

    <name>\t<label>=<value>,<label>=<value>\t<value>

labels sorted by name. Exits 1 if the text does not parse or a family's
declared type does not match its samples."""
import sys
import urllib.request

from prometheus_client.parser import text_string_to_metric_families

ALLOWED_SUFFIXES = {
    "counter": ("_total", "_created"),
    "gauge": ("",),
    "histogram": ("_bucket", "_count", "_sum", "_created"),
}


def main(url):
    with urllib.request.urlopen(url, timeout=10) as response:
        content_type = response.headers.get("Content-Type", "")
        text = response.read().decode("utf-8")
    if not content_type.startswith("text/plain"):
        sys.exit(f"unexpected Content-Type {content_type!r}")
    for family in text_string_to_metric_families(text):
        suffixes = ALLOWED_SUFFIXES.get(family.type)
        for sample in family.samples:
            if suffixes is not None and not any(
                sample.name == family.name + s for s in suffixes
            ):
                sys.exit(f"{sample.name} does not belong to {family.type} {family.name}")
            labels = ",".join(f"{k}={v}" for k, v in sorted(sample.labels.items()))
            print(f"{sample.name}\t{labels}\t{sample.value!r}")


if __name__ == "__main__":
    main(sys.argv[1])
