"""Celery tasks: each takes ids, and does its work in a service."""

from celery import shared_task

from health.models import MarPrint
from health.services.prints import mar_print_build
from homes.builds import BuildTask


@shared_task(base=BuildTask, model=MarPrint)
def build_mar_print(print_id: int) -> str:
    return mar_print_build(print_id=print_id).status
