from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView

from regie.api import actions, criteria, views
from regie.api.docs import docs

app_name = "api"
urlpatterns = [
    path("v1/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("v1/docs/", docs, name="docs"),
    path("v1/nominations/", views.NominationListView.as_view(), name="nominations"),
    path("v1/nominations/<int:pk>/", views.NominationDetailView.as_view(), name="nomination"),
    path(
        "v1/nominations/<int:pk>/submit/",
        views.NominationSubmitView.as_view(),
        name="nomination_submit",
    ),
    path(
        "v1/nominations/<int:pk>/withdraw/",
        views.NominationWithdrawView.as_view(),
        name="nomination_withdraw",
    ),
    path("v1/facts/", views.FactSubmitView.as_view(), name="facts"),
    path("v1/criteria/", criteria.CriteriaListView.as_view(), name="criteria"),
    path("v1/actions/", actions.ActionListView.as_view(), name="actions"),
    path("v1/actions/<int:pk>/status/", actions.ActionStatusView.as_view(), name="action_status"),
    re_path(r"^.*$", views.NotFoundView.as_view(), name="not_found"),
]
