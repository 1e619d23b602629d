"""Configuration of one CollectOnce process, read from COLLECTONCE_* environment variables."""

from functools import cache
from pathlib import Path

from pydantic_settings import BaseSettings, SettingsConfigDict

ROOT = Path(__file__).resolve().parents[1]


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="COLLECTONCE_")

    # DuckDB file by default (a province on one machine); postgresql+psycopg://... for a country.
    # Relative paths are relative to the working directory, like the demo files in data/.
    database_url: str = "duckdb:///data/collectonce.duckdb"
    host: str = "127.0.0.1"
    port: int = 8000
    # Another copy of the data dictionary (schemas/ in the package by default).
    schemas_dir: Path | None = None
    # The address people open, for sign-in links (http://host:port by default).
    public_url: str | None = None
    # How long credentials last: bearer tokens, one-time sign-in links, and the browser session a
    # link opens. Every credential expires; a new one is issued with `collectonce token`.
    token_days: int = 365
    link_hours: int = 72
    session_hours: int = 12

    @property
    def base_url(self) -> str:
        return (self.public_url or f"http://{self.host}:{self.port}").rstrip("/")

    @property
    def server_file(self) -> Path:
        """Where a running server leaves its address, process id and a local admin credential for
        the CLI: beside the DuckDB file, or in data/ for PostgreSQL."""
        if self.database_url.startswith("duckdb:///"):
            store = Path(self.database_url.removeprefix("duckdb:///"))
            if store.name and str(store) != ":memory:":
                return store.with_name(store.name + ".server.json")
        return Path("data") / "server.json"
    # Request bodies (JSON, forms) and uploads (CSV, .xlsx) larger than these are refused with 413.
    max_body_bytes: int = 10 * 1024 * 1024
    max_upload_bytes: int = 200 * 1024 * 1024
    # Uploads larger than this are imported as background jobs (202, followed at /v1/jobs/{id}).
    import_sync_max_bytes: int = 5 * 1024 * 1024
    # Webhooks may call loopback and private addresses: only for tests with a local receiver.
    webhook_allow_private: bool = False


@cache
def settings() -> Settings:
    return Settings()
