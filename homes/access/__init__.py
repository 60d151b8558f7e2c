"""Who may see and do what: the one place that decides.

Every view and export gets its querysets of children's and staff records from here.
Reading is decided by querysets (a record outside a person's reach is simply not found,
so views answer 404 and never reveal that it exists); writing by the `can_*` predicates,
which views turn into 403 with `require()`.

Reach (homes.access.core):
- administrators and clinical leads: every home and child;
- managers, deputies and care staff: the children of homes where they hold a membership that
  has not ended (`home_ids_of`, `homes_with_role`, `Membership.objects`; `Membership.all_objects`
  for history);
- assessors: the children assigned to them, and the children of homes where they hold
  the assessor role.

One module per domain; each app's rules live in its module here, not in the app, so the
whole of who-sees-what can be read in one folder. Callers use `from homes import access`
and `access.<rule>`, whichever module holds it.
"""

from homes.access.assessments import *  # noqa: F403
from homes.access.core import *  # noqa: F403
from homes.access.daily_work import *  # noqa: F403
from homes.access.documents import *  # noqa: F403
from homes.access.health import *  # noqa: F403
from homes.access.incidents import *  # noqa: F403
from homes.access.missing import *  # noqa: F403
from homes.access.notices import *  # noqa: F403
from homes.access.oversight import *  # noqa: F403
from homes.access.plans import *  # noqa: F403
from homes.access.retention import *  # noqa: F403
from homes.access.review import *  # noqa: F403
from homes.access.shifts import *  # noqa: F403
from homes.access.staff import *  # noqa: F403
from homes.access.subject_access import *  # noqa: F403
from homes.access.visits import *  # noqa: F403
