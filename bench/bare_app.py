"""The bare stack of the submission benchmark: a minimal FastAPI app, served like the service (one
uvicorn process), that writes 15 rows per POST in one transaction through a SQLAlchemy pool, with
nothing else: no authentication, no validation, no history. `BARE_URL` names the store."""

from __future__ import annotations

import os
from typing import Any

from fastapi import FastAPI
from sqlalchemy import create_engine, text

URL = os.environ["BARE_URL"]
engine = (create_engine(URL) if URL.startswith("duckdb")
          else create_engine(URL, pool_size=10, max_overflow=20))
with engine.begin() as conn:
    conn.execute(text("CREATE TABLE IF NOT EXISTS bare_item (form_id VARCHAR, key VARCHAR, value VARCHAR, "
                      "PRIMARY KEY (form_id, key))"))
app = FastAPI()


@app.post("/submit/{form_id}")
def submit(form_id: str, body: dict[str, Any]) -> dict[str, int]:
    rows = [{"f": form_id, "k": f"k{i}", "v": str(body.get("value"))} for i in range(15)]
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO bare_item (form_id, key, value) VALUES (:f, :k, :v)"), rows)
    return {"rows": len(rows)}
