"""What an incident prompts someone to do next, from other parts of Hearth (the Regulation 40
notification a serious incident calls for, say): each provider looks at the incident and, for this
person, returns a prompt or None. The incident page shows them under its heading, so the manager
sees them as soon as they countersign. Providers register in their AppConfig.ready()."""

from collections.abc import Callable
from dataclasses import dataclass

from homes.models import User
from safeguarding.models import Incident


@dataclass(frozen=True)
class IncidentPrompt:
    text: str
    url: str = ""
    link_text: str = ""


# provider(user, incident) -> a prompt or None; a constant number of queries each.
incident_prompts: dict[str, Callable[[User, Incident], IncidentPrompt | None]] = {}


def register_incident_prompt(name: str, provider: Callable[[User, Incident], IncidentPrompt | None]) -> None:
    incident_prompts[name] = provider


def prompts_for(user: User, incident: Incident) -> list[IncidentPrompt]:
    found = (provider(user, incident) for provider in incident_prompts.values())
    return [prompt for prompt in found if prompt is not None]
