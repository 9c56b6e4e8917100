"""Development and agreement of SPS documents (SPEC §6, cl. 3): the steps per document type, their
deadlines, the Annex 2 conclusion gate, restart of clocks on change, and the Annex 6 comparison table."""
