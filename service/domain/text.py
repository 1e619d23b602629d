"""Text normalisation shared by header mapping and code-label lookup."""

import re
import unicodedata

# Also used inside DuckDB SQL (regexp_replace), so keep it to syntax both engines read alike.
SPACE_PUNCT_PATTERN = r"[\s_\-·・:：,，;；()（）\[\]【】/、.。'\"“”‘’]+"
_SPACE_PUNCT = re.compile(SPACE_PUNCT_PATTERN)


def simple_norm(text: str) -> str:
    """NFKC (full width to half width), lower case, without spaces and punctuation."""
    return _SPACE_PUNCT.sub("", unicodedata.normalize("NFKC", text)).lower()
