"""The incident categories and approved techniques every provider starts with (the data migration
0003 loads the same, in its own copy). `ensure_catalogue()` puts back any that are missing, for the
demo and for tests after a transactional test's flush has emptied the tables; it never changes
what a provider has edited."""

CATEGORIES = [
    ("Physical intervention", "physical_intervention", 10),
    ("Self-harm", "", 20),
    ("Harm to others", "", 30),
    ("Damage to property", "", 40),
    ("Allegation against a member of staff", "allegation", 50),
    ("Police called", "", 60),
    ("Accident or injury", "", 70),
    ("Medication error", "", 75),
    ("Bullying", "", 80),
    ("Exploitation concern", "", 90),
    ("Other", "", 200),
]

# Generic names: a provider replaces them with the techniques of the scheme its staff are trained in.
TECHNIQUES = [
    ("Guide or escort (one adult)", "Open-handed guiding away from harm, the lightest touch that keeps everyone safe."),
    ("Two-person escort", "Two adults walking the child to a safer space."),
    ("Seated hold (two adults)", "A seated hold by two trained adults, the child's breathing never restricted."),
    ("Other approved technique", "Describe it in 'why a hold was needed'."),
]


def ensure_catalogue() -> None:
    from safeguarding.models import ApprovedTechnique, IncidentCategory

    for name, rule, order in CATEGORIES:
        IncidentCategory.objects.get_or_create(name=name, defaults={"rule": rule, "order": order})
    for name, description in TECHNIQUES:
        ApprovedTechnique.objects.get_or_create(name=name, defaults={"description": description})
