"""The load test: ``python -m loadtest`` (see ``__main__.py``) and its locust scenario."""
