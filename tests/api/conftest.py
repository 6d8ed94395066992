"""JSON helpers for the API tests: a signed-in student and POSTs carrying the CSRF header."""
import pytest

from tests.study.conftest import student, study_set  # noqa: F401


@pytest.fixture
def api(client, student):
    """Call the API as the signed-in student: ``api.get(path)``, ``api.post(path, json)``."""

    class Api:
        def __init__(self):
            self.token = client.get("/api/v1/me").get_json()["csrf_token"]

        def get(self, path):
            return client.get("/api/v1" + path)

        def post(self, path, body):
            return client.post("/api/v1" + path, json=body, headers={"X-CSRFToken": self.token})

    return Api()
