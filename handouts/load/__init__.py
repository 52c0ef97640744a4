"""Load stage: read the YAML files of a content tree (with line marks, no validation)."""

from handouts.load.content import ContentDocs, load_content_docs

__all__ = ["ContentDocs", "load_content_docs"]
