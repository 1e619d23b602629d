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


@cache
def settings() -> Settings:
    return Settings()
