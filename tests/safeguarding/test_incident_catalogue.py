"""The starting catalogue: the data migration's categories and techniques, and putting them back."""

from safeguarding.catalogue import CATEGORIES, TECHNIQUES, ensure_catalogue
from safeguarding.models import ApprovedTechnique, IncidentCategory


def test_the_catalogue_holds_the_categories_the_rules_hang_on(db):
    ensure_catalogue()
    assert set(IncidentCategory.objects.values_list("name", flat=True)) >= {name for name, _, _ in CATEGORIES}
    assert (
        IncidentCategory.objects.get(rule=IncidentCategory.Rule.PHYSICAL_INTERVENTION).name == "Physical intervention"
    )
    assert IncidentCategory.objects.get(rule=IncidentCategory.Rule.ALLEGATION)
    assert ApprovedTechnique.objects.count() >= len(TECHNIQUES)


def test_putting_them_back_keeps_a_providers_edits(db):
    IncidentCategory.objects.all().delete()
    ApprovedTechnique.objects.all().delete()
    ensure_catalogue()
    assert IncidentCategory.objects.count() == len(CATEGORIES)
    IncidentCategory.objects.filter(name="Other").update(active=False, order=999)
    ensure_catalogue()
    other = IncidentCategory.objects.get(name="Other")
    assert (other.active, other.order, IncidentCategory.objects.count()) == (False, 999, len(CATEGORIES))
