"""The measures the Children's Homes (England) Regulations 2015 forbid as a consequence
(regulation 19(3); regulation 20 for restraint), each with the words that, written in a
consequence, mean it. Providers may correct or extend them in the admin."""

from django.db import migrations

MEASURES = [
    (
        "corporal-punishment",
        "Corporal punishment",
        "Regulation 19(3)(a)",
        "no form of corporal punishment is ever used",
        ["corporal punishment", "smack", "smacked", "smacking", "slapped", "spanked"],
    ),
    (
        "food-or-drink",
        "Punishment by food or drink",
        "Regulation 19(3)(b)",
        "no punishment relating to eating or drinking, or going without food or drink",
        [
            "no dinner", "no tea tonight", "no supper", "no breakfast", "no lunch", "no pudding", "no dessert",
            "without dinner", "without supper", "without tea", "sent to bed hungry", "withheld food",
            "withholding food", "food withheld", "no snacks", "no sweets",
        ],
    ),
    (
        "family-time",
        "Restricting family time, visits or calls",
        "Regulation 19(3)(c)",
        "family time, visits and calls with family and friends are not restricted as a punishment, "
        "unless a court or the placing authority's care plan requires it",
        [
            "no family time", "family time ... cancelled", "cancelled ... family time", "family time ... stopped", "cancelled family time", "family time stopped",
            "stopped family time", "no contact with mum", "no contact with dad", "no contact with family",
            "contact ... cancelled", "cancelled ... contact", "no phone call home", "no phone calls home", "no call home",
            "no calls home", "not allowed to phone mum", "not allowed to phone dad", "no visit from",
        ],
    ),
    (
        "clothes",
        "Distinctive or inappropriate clothes",
        "Regulation 19(3)(d)",
        "a child is never made to wear distinctive or inappropriate clothes",
        ["made to wear pyjamas", "had to wear pyjamas", "made to wear a sign", "made to wear a bib"],
    ),
    (
        "medication",
        "Using or withholding medication or treatment",
        "Regulation 19(3)(e)",
        "medication and medical or dental treatment are never used or withheld as a punishment",
        ["withheld medication", "withholding medication", "medication withheld", "no medication", "no inhaler"],
    ),
    (
        "sleep",
        "Depriving of sleep",
        "Regulation 19(3)(f)",
        "a child is never intentionally deprived of sleep",
        ["kept awake", "deprived of sleep", "sleep deprivation", "woken every hour"],
    ),
    (
        "financial-penalty",
        "Fines beyond reasonable reparation",
        "Regulation 19(3)(g)",
        "no financial penalty, other than paying a reasonable amount back as reparation",
        ["fined", "a fine of", "pocket money stopped", "stopped pocket money", "no pocket money",
         "pocket money docked", "docked pocket money", "lost all pocket money"],
    ),
    (
        "intimate-examination",
        "Intimate physical examination",
        "Regulation 19(3)(h)",
        "no intimate physical examination is ever used as a measure",
        ["strip search", "strip searched", "strip-searched", "intimate search"],
    ),
    (
        "aids-and-equipment",
        "Withholding a disabled child's aids or equipment",
        "Regulation 19(3)(i)",
        "the aids and equipment a disabled child needs are never withheld",
        ["took away wheelchair", "took away his wheelchair", "took away her wheelchair", "wheelchair taken away",
         "hearing aids taken", "hearing aid taken", "took away hearing aid", "took away his hearing aid",
         "took away her hearing aid", "communication aid taken", "took away the communication aid"],
    ),
    (
        "children-punishing-children",
        "Children punishing children, or punishing the group",
        "Regulation 19(3)(j)",
        "no child takes part in a measure against another child, and a group is never punished for one "
        "child's behaviour",
        ["whole group lost", "everyone lost", "all the children lost", "group punishment", "punished the group",
         "punished everyone", "the other children decided"],
    ),
    (
        "restraint-as-punishment",
        "Restraint as a punishment",
        "Regulation 20(1)",
        "restraint is only ever used to prevent injury or serious damage to property, and only as necessary "
        "and proportionate, never as a consequence",
        ["restrained as a punishment", "held as a punishment", "restrained as a consequence", "held as a consequence"],
    ),
]


def seed(apps, schema_editor):
    ProhibitedMeasure = apps.get_model("safeguarding", "ProhibitedMeasure")
    for order, (code, name, regulation, explanation, phrases) in enumerate(MEASURES, start=1):
        ProhibitedMeasure.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "regulation": regulation,
                "explanation": explanation,
                "phrases": "\n".join(phrases),
                "order": order * 10,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("safeguarding", "0002_consequences_complaints_notifications")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
