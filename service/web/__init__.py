"""Server-rendered pages for schools, approving offices and departments, calling the same domain
functions as the API. `router` holds every page; service/app.py includes it."""

from fastapi import APIRouter

from service.web import admin, corrections, dashboard, department_forms, departments, docs, login, offices, school

router = APIRouter(include_in_schema=False)
for _pages in (login, school, offices, department_forms, departments, dashboard, corrections, admin, docs):
    router.include_router(_pages.router)
