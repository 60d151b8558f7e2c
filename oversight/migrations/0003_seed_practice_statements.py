"""The statements every provider starts with, in Hearth's own words; providers edit them in
Set-up (oversight.PracticeStatement)."""

from django.db import migrations

STATEMENTS = [
    ("leadership", "Leaders can explain how the home's trauma-informed model shapes everyday decisions."),
    ("leadership", "Time for reflection, supervision and training is protected on the rota, not squeezed in."),
    ("leadership", "Decisions about a child are explained to the team in terms of the child's needs and history."),
    ("training", "Everyone who cares for children has been trained in trauma and the home's model."),
    ("training", "New staff learn the model in their first weeks, before working alone with a child."),
    ("training", "Staff can read a child's brain map and say what it means for how they care for them."),
    ("supervision", "Every member of staff has regular supervision that makes room for how the work feels."),
    ("supervision", "The team meets to reflect together on a child, not only to share information."),
    ("supervision", "After a hard incident, staff are offered a debrief within days."),
    ("environment", "The home feels homely: warm, calm and predictable, with spaces for quiet and for play."),
    ("environment", "Rules and routines are few, explained, and applied with curiosity rather than punishment."),
    ("environment", "Each child has things of their own around them and a say in their room."),
    ("voice", "Children's own words are recorded and read, and shape their plans."),
    ("voice", "Children help decide how the home runs, and can see what changed because they spoke."),
    ("voice", "A child who wants to complain knows how, and is helped to."),
    ("support", "Staff wellbeing is asked about regularly, and the answers lead to action."),
    ("support", "The team is stable: people stay, and gaps are filled by people the children know."),
    ("support", "Staff know who to turn to after a difficult shift, and that person is available."),
]


def seed(apps, schema_editor):
    PracticeStatement = apps.get_model("oversight", "PracticeStatement")
    for order, (theme, text) in enumerate(STATEMENTS, start=1):
        PracticeStatement.objects.get_or_create(text=text, defaults={"theme": theme, "order": order})


class Migration(migrations.Migration):
    dependencies = [("oversight", "0002_self_assessment")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
