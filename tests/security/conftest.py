from tests.api.conftest import _fresh_rate_limits, health_plan, people  # noqa: F401  (shared fixtures)
