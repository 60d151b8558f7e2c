"""The language check's starting list: what the provider's phrases are seeded with (migration
0002) and may then edit. From TACT's "Language that cares" (written with care-experienced young
people) as DOMAIN-NOTES quotes it, and trauma-informed practice: words that blame, label or
make a child a case are swapped for words that describe what happened and what the child needed.
Each row: (phrase, kinder alternative, why). Plurals of the last word are matched for each."""

SEED_PHRASES: list[tuple[str, str, str]] = [
    # DOMAIN-NOTES: TACT's "Language that cares"
    ("absconded", "went missing", "Absconding is a word for escaping custody; the child went missing from their home."),
    (
        "absconding",
        "going missing",
        "Absconding is a word for escaping custody; the child went missing from their home.",
    ),
    ("abscond", "go missing", "Absconding is a word for escaping custody; the child went missing from their home."),
    (
        "kicked off",
        "was having a hard time",
        "Says what the adults saw, not what the child needed: describe the distress.",
    ),
    (
        "kicking off",
        "having a hard time",
        "Says what the adults saw, not what the child needed: describe the distress.",
    ),
    ("kicks off", "has a hard time", "Says what the adults saw, not what the child needed: describe the distress."),
    (
        "attention seeking",
        "connection seeking",
        "The child is seeking connection with an adult: that is a need, not a fault.",
    ),
    (
        "attention-seeker",
        "looking for connection",
        "The child is seeking connection with an adult: that is a need, not a fault.",
    ),
    ("refused", "did not want to", "Where it fits: says what the child felt rather than casting them as defiant."),
    ("refuses", "does not want to", "Where it fits: says what the child felt rather than casting them as defiant."),
    (
        "contact",
        "family time",
        "Children say “family time”: “contact” makes seeing their family sound like a procedure.",
    ),
    ("placement", "home", "When speaking to the child, this is their home, not a placement."),
    ("care leaver", "care-experienced young person", "Young people prefer “care-experienced”: it is not all they are."),
    ("challenging behaviour", "having a hard time", "Describe what happened and what the child needed, not a label."),
    ("care plan", "my plan", "When speaking to the child, it is their plan."),
    # Blame and labels
    ("manipulative", "trying to get a need met", "Children who have been hurt learn indirect ways to get needs met."),
    ("manipulating", "trying to get a need met", "Children who have been hurt learn indirect ways to get needs met."),
    (
        "naughty",
        "finding things hard",
        "Describe the behaviour and what might lie behind it, not the child's character.",
    ),
    ("bad behaviour", "a hard moment", "Describe what happened and what the child needed."),
    ("tantrum", "a time of big feelings", "Distress in a child who is overwhelmed, not a choice to misbehave."),
    ("meltdown", "a time of overwhelm", "Describe what the child experienced and what helped."),
    ("outburst", "a time of big feelings", "Describe what the child experienced and what helped."),
    (
        "aggressive",
        "frightened or overwhelmed (say what happened)",
        "Describe what happened; aggression is often fear.",
    ),
    (
        "violent",
        "say what happened and who was hurt",
        "Describe what happened, not a label that will follow the child.",
    ),
    ("defiant", "not ready to", "Describe what the child said or did, and what might lie behind it."),
    ("non-compliant", "did not want to", "Compliance is a word for rules, not for children's feelings."),
    ("non compliant", "did not want to", "Compliance is a word for rules, not for children's feelings."),
    ("disruptive", "found it hard to settle", "Describe what happened and what the child needed."),
    ("lazy", "tired or struggling to start", "Tiredness and low mood are common after trauma: describe what you saw."),
    ("liar", "said something that was not true", "Describe what was said; lying is often a survival strategy."),
    ("lied", "said something that was not true", "Describe what was said; lying is often a survival strategy."),
    ("rude", "said something hurtful", "Say what was said, and what might lie behind it."),
    ("sulking", "needing some time", "Withdrawing can be how a child regulates: describe what you saw."),
    ("sulked", "needed some time", "Withdrawing can be how a child regulates: describe what you saw."),
    ("stroppy", "upset", "Describe the feeling you noticed."),
    ("mouthy", "upset and saying so", "Describe what was said."),
    ("hysterical", "very distressed", "Describe the distress and what helped."),
    ("acting out", "showing us they were struggling", "Behaviour is communication: say what it told you."),
    ("played up", "showed us they were struggling", "Behaviour is communication: say what it told you."),
    ("playing up", "showing us they were struggling", "Behaviour is communication: say what it told you."),
    # Care-system jargon, when it speaks of the child
    ("unit", "home", "Children live in a home, not a unit."),
    ("LAC", "child in care", "Use the child's name; avoid acronyms that make them a category."),
    ("looked after child", "child in care", "Use the child's name where you can."),
    ("service user", "young person (or their name)", "The child lives here; they are not a user of a service."),
    ("resident", "young person (or their name)", "The child lives here; use their name."),
    ("respite", "a short break", "Say what it is for the child: a short break, time with another family."),
    ("sanction", "consequence", "A consequence connected to what happened, agreed with the child, not a punishment."),
    ("punishment", "consequence", "Restorative consequences repair; punishment shames."),
    ("privileges", "things they enjoy", "Activities and family time are not privileges to be earned."),
    ("time out", "time in with an adult", "Regulation happens with an adult nearby, not alone."),
    ("escalated", "became more distressed", "Describe the distress and what helped."),
    ("de-escalated", "helped them calm", "Say what helped."),
    ("absent without leave", "missing from home", "Say where they went and that they were safe when found."),
]
