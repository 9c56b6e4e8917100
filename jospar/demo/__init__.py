"""Demo data: a plausible slice of Kazakhstan's planning documents and one demo login per role."""

from .builder import DEMO_USERS, build_documents

__all__ = ["DEMO_USERS", "build_documents"]
