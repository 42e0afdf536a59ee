"""Age-timed nudges: rules, planning, the outbox and inbox, Web Push delivery."""
