# billbot — notifications, paperless billing, unsubscribing (US English).

notifications-current = Here's how we reach you about bills and payments:
notifications-line = • { $channel }: { $state }
notifications-which = Which would you like to change?
notifications-on-or-off = Turn { $channel } alerts on or off?
notifications-confirm-on = Turn on { $channel } alerts (bill ready, payment status and reminders)?
notifications-confirm-off = Turn off { $channel } alerts (bill ready, payment status and reminders)?
notifications-now-on = { $channel } alerts are on.
notifications-now-off = { $channel } alerts are off. This only stops billing alerts; you may still get other messages from the plan.
notifications-text-reply-start = You had stopped our texts earlier, so also reply START to one of our texts to get them again.
paperless-already-on = You're already on paperless billing.
paperless-already-off = You're already getting paper bills by mail.
paperless-terms = With paperless billing, your premium bills come by e-mail and online instead of by mail, under the Digital Document Delivery terms and conditions. You'll be told by e-mail when a bill is ready.
paperless-terms-ask = Do you agree to the terms and want to go paperless?
paperless-leave-confirm = Go back to paper premium bills by mail?
paperless-now-on = You're signed up for paperless billing. You won't get premium bills in the mail anymore.
paperless-now-off = Done. Your premium bills will come by mail again.
unsubscribe-which = Which messages should I stop?
unsubscribe-confirm = Stop all { $channel } messages about your bills?
unsubscribed = Done. You won't get { $channel } messages about your bills anymore.
unsubscribed-text-start = You can reply START at any time to get texts again.
unsubscribed-how-to-undo = You can turn them back on any time by asking me.
