from django.urls import path

from oversight.views import overview, quality_review, self_assessment, tasks

urlpatterns = [
    path("tasks/", tasks.task_list, name="task_list"),
    path("tasks/digest/", tasks.task_digest, name="task_digest"),
    path("tasks/count/", tasks.task_count, name="task_count"),
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
    path("homes/<int:home_id>/quality-of-care/", quality_review.quality_reviews, name="quality_reviews"),
    path(
        "homes/<int:home_id>/quality-of-care/draft/", quality_review.quality_review_draft, name="quality_review_draft"
    ),
    path(
        "quality-reviews/<int:quality_review_id>/", quality_review.quality_review_detail, name="quality_review_detail"
    ),
    path(
        "quality-reviews/<int:quality_review_id>/redraft/",
        quality_review.quality_review_redraft,
        name="quality_review_redraft",
    ),
    path(
        "quality-reviews/<int:quality_review_id>/sign/", quality_review.quality_review_sign, name="quality_review_sign"
    ),
    path(
        "quality-reviews/<int:quality_review_id>/sent/", quality_review.quality_review_sent, name="quality_review_sent"
    ),
    path("quality-reviews/<int:quality_review_id>/pdf/", quality_review.quality_review_pdf, name="quality_review_pdf"),
    path(
        "quality-reviews/<int:quality_review_id>/download/",
        quality_review.quality_review_download,
        name="quality_review_download",
    ),
]
