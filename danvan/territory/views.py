"""Public territory pages (filled in by the territory work)."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from danvan.territory.models import Province, Unit


def provinces(request: HttpRequest) -> HttpResponse:
    return render(request, "territory/provinces.html", {"provinces": Province.objects.all()})


def unit_detail(request: HttpRequest, code: str) -> HttpResponse:
    unit = get_object_or_404(Unit.objects.select_related("province"), code=code)
    return render(request, "territory/unit.html", {"unit": unit})
