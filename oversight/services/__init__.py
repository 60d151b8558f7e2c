"""Changes to oversight records, one module per concept (HackSoft style: views call these)."""
