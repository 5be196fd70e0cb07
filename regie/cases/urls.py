from django.urls import path

from regie.cases.views import case, conference, lists, plan

app_name = "cases"
urlpatterns = [
    path("", lists.my_cases, name="mine"),
    path("overzicht/", lists.overview, name="overview"),
    path("<int:case_id>/", case.detail, name="detail"),
    path("<int:case_id>/herverdelen/", lists.reassign, name="reassign"),
    path("<int:case_id>/deelnemers/", case.participants, name="participants"),
    path("<int:case_id>/deelnemers/nieuw/", case.participant_new, name="participant_new"),
    path(
        "<int:case_id>/deelnemers/<int:participant_id>/verwijderen/",
        case.participant_remove,
        name="participant_remove",
    ),
    path("<int:case_id>/journaal/", case.journal, name="journal"),
    path("<int:case_id>/gezin/nieuw/", case.family_new, name="family_new"),
    path("<int:case_id>/plan/", plan.plan, name="plan"),
    path("<int:case_id>/plan/doelen/nieuw/", plan.goal_new, name="goal_new"),
    path("<int:case_id>/plan/doelen/<int:goal_id>/status/", plan.goal_status, name="goal_status"),
    path(
        "<int:case_id>/plan/doelen/<int:goal_id>/acties/nieuw/", plan.action_new, name="action_new"
    ),
    path(
        "<int:case_id>/plan/doelen/<int:goal_id>/scenarios/nieuw/",
        plan.scenario_new,
        name="scenario_new",
    ),
    path("<int:case_id>/plan/acties/<int:action_id>/", plan.action_status, name="action"),
    path(
        "<int:case_id>/plan/acties/<int:action_id>/wijzigen/", plan.action_edit, name="action_edit"
    ),
    path(
        "<int:case_id>/plan/scenarios/<int:scenario_id>/blokkeren/",
        plan.scenario_block_view,
        name="scenario_block",
    ),
    path(
        "<int:case_id>/plan/scenarios/<int:scenario_id>/inzetten/",
        plan.scenario_activate_view,
        name="scenario_activate",
    ),
    path("<int:case_id>/overleggen/", conference.conference_list, name="conferences"),
    path("<int:case_id>/overleggen/nieuw/", conference.conference_new, name="conference_new"),
    path(
        "<int:case_id>/overleggen/<int:conference_id>/",
        conference.conference_detail,
        name="conference",
    ),
    path(
        "<int:case_id>/overleggen/<int:conference_id>/afspraken/",
        conference.agreement_new,
        name="agreement_new",
    ),
    path(
        "<int:case_id>/overleggen/<int:conference_id>/afspraken/<int:agreement_id>/actie/",
        conference.agreement_action,
        name="agreement_action",
    ),
]
