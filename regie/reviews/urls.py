from django.urls import path

from regie.reviews.views import case, lists

app_name = "reviews"
urlpatterns = [
    path("", lists.overview, name="overview"),
    path("casus/<int:case_id>/", case.case_reviews, name="case"),
    path("casus/<int:case_id>/nieuw/", case.review_new, name="review_new"),
    path("casus/<int:case_id>/overdracht/nieuw/", case.handover_new, name="handover_new"),
    path("casus/<int:case_id>/nog-in-beeld/", case.follow_up, name="follow_up"),
    path("casus/<int:case_id>/afsluiten/", case.close, name="close"),
    path("<int:review_id>/", case.review_detail, name="review"),
    path("<int:review_id>/corrigeren/", case.review_correct_view, name="review_correct"),
    path("uitstroom/<int:outflow_id>/", lists.outflow_detail, name="outflow"),
    path(
        "uitstroom/<int:outflow_id>/bevestigen/",
        lists.outflow_decide,
        {"verdict": "bevestigen"},
        name="outflow_confirm",
    ),
    path(
        "uitstroom/<int:outflow_id>/terugsturen/",
        lists.outflow_decide,
        {"verdict": "terugsturen"},
        name="outflow_return",
    ),
    path("overdracht/<int:handover_id>/uitgevoerd/", case.handover_done, name="handover_done"),
    path("overdrachten/", lists.handovers_received, name="handovers_received"),
    path("overdrachten/<int:handover_id>/", lists.handover_received, name="handover_received"),
]
