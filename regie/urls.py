from django.urls import include, path

urlpatterns = [
    path("", include("regie.core.urls")),
    path("account/", include("allauth.urls")),
    path("beheer/api-clients/", include("regie.api.admin_urls")),
    path("beheer/", include("regie.accounts.urls")),
    path("audit/", include("regie.audit.urls")),
    path("toegang/", include("regie.access.urls")),
    path("criteria/", include("regie.criteria.urls")),
    path("personen/", include("regie.persons.urls")),
    path("voordrachten/", include("regie.nominations.urls")),
    path("triage/", include("regie.triage.urls")),
    path("api/", include("regie.api.urls")),
    path("casussen/", include("regie.cases.urls")),
    path("toetsen/", include("regie.reviews.urls")),
    path("verzoeken/", include("regie.rights.urls")),
    path("governance/", include("regie.governance.urls")),
    path("monitor/eerlijkheid/", include("regie.fairness.urls")),
    path("monitor/", include("regie.monitor.urls")),
]

handler400 = "regie.core.views.error_400"
handler403 = "regie.core.views.error_403"
handler404 = "regie.core.views.error_404"
handler429 = "regie.core.views.error_429"
handler500 = "regie.core.views.error_500"
