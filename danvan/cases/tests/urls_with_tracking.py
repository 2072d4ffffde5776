"""The root URLconf plus the public tracking URLs at /tra-cuu/, as the lead will mount them."""

from django.urls import include, path

from danvan.urls import urlpatterns as root_patterns

urlpatterns = [path("tra-cuu/", include("danvan.cases.public_urls")), *root_patterns]
