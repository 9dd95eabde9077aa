# billbot — general conversation (US English).
# Money and dates arrive already formatted ($1,234.56, November 30, 2026).

greeting-member = Hi { $name }!
greeting-visitor = Hi! I'm the billing assistant.
greeting-offer = I can tell you what you owe, pay a bill, set up autopay, explain a charge, and more. What can I do for you?
help-intro = Here's what I can help with:
help-list = • your balance and due dates • viewing or explaining a bill • paying a bill • autopay • payment history • payment methods • email and text alerts, paperless billing • payment plans • statements and tax letters • questions about paying your premium
help-person = To talk to a person, call the billing line at { $phone } (TTY { $tty }).
thanks-reply = You're welcome! Anything else I can help with?
goodbye-reply = Thanks for stopping by. Take care!
sign-in-first = Please sign in first so I can see your account. I can still answer general questions about paying your bill.
link-first = To see your account here, I first need to link this chat to you. Reply LINK to start. I can still answer general questions.
link-already = This conversation is already connected to your account.
resume-flow = Now, back to what we were doing:
stale-button = That button belongs to an earlier question, so I didn't act on it.
nothing-to-confirm = There's nothing waiting for your OK right now. What would you like to do?
nothing-to-cancel = There's nothing to cancel. What can I help with?
cancelled = OK, I've cancelled that. Nothing was changed.
cancelled-payment = OK, I've cancelled the payment. Nothing was paid.
change-declined-by-member = OK, I didn't change anything.
flow-expired = Our earlier conversation timed out, so I've set it aside.
effect-failed = Sorry, something went wrong on our side and nothing was changed. Please try again in a few minutes, or call the billing line.
card-number-warning = Please don't send card numbers in chat. I've hidden it and didn't keep it. To add a card or bank account, use the secure page in your account.
oos-reply = Sorry, I can't help with that here. I can help with your bill: balances, payments, autopay, statements and alerts.
oos-examples = You can ask things like "what do I owe?", "pay my lab bill" or "when is my premium due?"
oos-billing-problem = I can't correct a bill or look into a charge here, but our billing team can. Call { $phone } (TTY { $tty }), or I can ask them to contact you.
oos-offer-person = I'm still not following, sorry. Would you like to talk to a person? You can also call the billing line at { $phone } (TTY { $tty }).
handoff-ticket = I've asked our billing team to help you (request #{ $number }). For a faster answer, call { $phone } (TTY { $tty }), or e-mail { $email }.
invalid-amount = "{ $text }" isn't an amount I can use.
invalid-date = "{ $text }" isn't a real date.
invalid-frequency = "{ $text }" isn't a schedule I can use.
invalid-value = I couldn't use "{ $text }".
invalid-nothing-changed = Nothing was changed. Could you say it another way?
language-which = Which language would you like?
language-name-en = English
language-name-es = Español
language-switched = OK, I'll continue in English.
state-on = on
state-off = off

## Quick replies
button-yes = Yes
button-no = No
button-i-agree = I agree
button-yes-stop = Yes, stop them
button-yes-stop-autopay = Yes, stop autopay
button-no-keep-it = No, keep it
button-turn-on = Turn on
button-turn-off = Turn off
button-help = What can you do?
button-talk-to-person = Talk to a person
button-what-do-i-owe = What do I owe?
button-pay-a-bill = Pay a bill
button-explain-a-bill = Explain a bill
button-autopay = Autopay
button-payment-history = Payment history
button-set-up-autopay = Set up autopay

## Names
weekday-monday = Monday
weekday-tuesday = Tuesday
weekday-wednesday = Wednesday
weekday-thursday = Thursday
weekday-friday = Friday
weekday-saturday = Saturday
weekday-sunday = Sunday
channel-email = e-mail
channel-text = text message
channel-telegram = Telegram

## E-mail
email-verify-subject = Your verification code
email-verify-body = Your code to finish registering for online bill pay is { $code }. It expires in { $minutes } minutes. If you didn't ask for it, you can ignore this e-mail.
