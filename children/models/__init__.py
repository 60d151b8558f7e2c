"""Children's records, one module per concept; every model is importable from here."""

from children.models.child import Child, ChildQuerySet

__all__ = ["Child", "ChildQuerySet"]
