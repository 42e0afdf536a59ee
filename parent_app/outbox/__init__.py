"""The outbox: what is waiting to reach a parent, and the machinery that delivers it.

Below the domain services and above the models: personal reminders any service may
schedule (`personal`), the one duplicate-ignoring insert (`sql`), the in-app inbox,
push subscriptions, VAPID signing, the Web Push adapter, the sender and its job.
It imports no domain service (courses, finance, entitlements, accounts, nudges).
"""
