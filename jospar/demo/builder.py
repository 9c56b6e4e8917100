"""A coherent demo slice of Kazakhstan's State Planning System as interchange payloads.

`build_documents()` returns the documents in dependency order: a document's `implements` and its indicators'
`parents` refer only to documents earlier in the list, so importing them one by one always succeeds.

    ndp-2029                     National Development Plan until 2029 + Strategic Indicator Map by region
    concept-digital-2029         Concept for digital transformation, ICT and cybersecurity 2023-2029
    np-comfortable-school        National project "Comfortable School" 2024-2026
    sbdp-moh-2025-2029           Development plan of the Ministry of Health
    sbdp-edu-2025-2029           Development plan of the Ministry of Education
    rdp-karaganda-2024-2028      Development plan of Karaganda Region (with district breakdown)
    rdp-turkistan-2024-2028      Development plan of Turkistan Region (with district breakdown)

Deterministic: no randomness and no dates from `today`; two calls return equal payloads.
"""

from __future__ import annotations

from jospar.interchange.schema import DocumentPayload

from . import concept, flawed, national_project, ndp, rdp, sbdp
from .users import DEMO_USERS

__all__ = ["DEMO_USERS", "build_documents"]


def build_documents() -> list[DocumentPayload]:
    return [
        ndp.build(),
        concept.build(),
        national_project.build(),
        sbdp.build_moh(),
        sbdp.build_edu(),
        rdp.build_karaganda(),
        rdp.build_turkistan(),
        flawed.build(),
    ]
