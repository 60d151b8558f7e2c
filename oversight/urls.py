from django.urls import path

from oversight.views import overview, self_assessment, tasks

urlpatterns = [
    path("tasks/", tasks.task_list, name="task_list"),
    path("tasks/digest/", tasks.task_digest, name="task_digest"),
    path("provider/", overview.provider_overview, name="provider_overview"),
    path("provider/measures/", overview.implementation_measures, name="implementation_measures"),
    path("homes/<int:home_id>/implementation/", self_assessment.implementation_home, name="implementation_home"),
    path(
        "homes/<int:home_id>/implementation/start/",
        self_assessment.self_assessment_start,
        name="self_assessment_start",
    ),
    path(
        "self-assessments/<int:self_assessment_id>/",
        self_assessment.self_assessment_detail,
        name="self_assessment_detail",
    ),
    path(
        "self-assessments/<int:self_assessment_id>/complete/",
        self_assessment.self_assessment_complete,
        name="self_assessment_complete",
    ),
    path(
        "self-assessments/<int:self_assessment_id>/actions/new/",
        self_assessment.implementation_action_add,
        name="implementation_action_add",
    ),
    path(
        "implementation-actions/<int:implementation_action_id>/done/",
        self_assessment.implementation_action_done,
        name="implementation_action_done",
    ),
]
