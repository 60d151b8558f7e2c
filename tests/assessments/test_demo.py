from assessments.models import AdverseExperience, Assessment, DevelopmentalHistory, Score
from children.extensions import focus_areas_for
from children.models import Child
from tests.utils import seed_demo


def test_seed_demo_gives_children_histories_and_assessments_and_is_idempotent(db):
    seed_demo()
    counts = (Assessment.objects.count(), Score.objects.count(), AdverseExperience.objects.count())
    seed_demo()
    assert (Assessment.objects.count(), Score.objects.count(), AdverseExperience.objects.count()) == counts
    in_placement = Child.objects.in_placement()
    assert DevelopmentalHistory.objects.filter(child__in=in_placement).count() == in_placement.count()
    assert all(c.assessments.filter(status="final").exists() for c in in_placement)
    assert Assessment.objects.filter(kind="review").values("child").distinct().count() >= 4
    assert all(a.scores.count() == 32 for a in Assessment.objects.all())
    assert any(focus_areas_for(c) for c in in_placement)


def test_one_demo_child_is_overdue(db, client):
    from homes.models import User

    seed_demo()
    client.force_login(User.objects.get(email="manager@hearth.example"))
    page = client.get("/").text
    panel = page.split('id="panel-assessments_due"')[1].split("</section>")[0]
    assert "Kacper" in panel and "overdue" in panel
