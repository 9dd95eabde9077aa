# billbot — answers from the plan profile (US English).
# Every FAQ message gets the same arguments: billing_phone, tty, billing_email,
# history_months, generated_by_day, covered_first, covered_monthly, oregon_service,
# oregon_advice, oregon_tty, min_plan_balance, region, region_phone, mail_address,
# pay_online, known_region ("yes" when the member's region is known).

faq-menu = What would you like to know? Some common questions:
faq-title-pay-online = Pay online
faq-title-pay-by-phone = Pay by phone
faq-title-pay-by-mail = Pay by mail
faq-title-payment-options = Ways to pay
faq-title-statement-timing = When bills come
faq-title-contact-billing = Contact billing
faq-pay-online = { $known_region ->
    [yes] You can pay online any time at { $pay_online }, or right here with me.
   *[other] You can pay online any time at { $pay_online } (Maryland and Virginia members can also use kp.org/mas/onlinebilling), or right here with me once you sign in.
}
faq-pay-by-phone = { $known_region ->
    [yes] You can pay by phone 24 hours a day, 7 days a week. In { $region }, call { $region_phone }.
   *[other] You can pay by phone 24 hours a day, 7 days a week. Call the number for your region: { $region_phone }.
}
faq-pay-by-mail = Mail your payment to: { $mail_address }.
faq-payment-options = You can pay with a credit card, a debit card, or an electronic funds transfer (EFT) from a bank account. You can make a one-time payment (full or partial) or set up automatic payments.
faq-statement-timing = Premium statements are usually ready within the first two weeks of the month (by day { $generated_by_day }) and mailed around the middle of the month. If you're paperless, you get an e-mail and see the statement online instead.
faq-coverage-types = These are the coverage types:
coverage-medicare = • Medicare: a federal health program for people 65 and older (and some younger people with certain disabilities or conditions).
coverage-individual-exchange = • Individual – Exchange: an Individual and Family Plan bought through a health benefit exchange, like healthcare.gov.
coverage-individual = • Individual: an Individual and Family Plan bought directly from the plan instead of an exchange.
coverage-cobra = • COBRA: stay on an employer plan after an event like losing a job, paying the monthly premium yourself.
coverage-employer-group = • Employer group: coverage through an employer, who usually pays part of the premium.
faq-covered-california = For Covered California: make your first payment by signing in to your { $covered_first } account. For monthly payments online, visit { $covered_monthly }.
faq-oregon-contacts = In Oregon and Southwest Washington, call Customer Service at { $oregon_service } (TTY { $oregon_tty }). For medical advice and appointments, call { $oregon_advice } (TTY { $oregon_tty }).
faq-registration = To register for online bill pay you need your medical record number (it's on your ID card). Choose "Sign in", then "Register now", enter your name, e-mail, medical record number, date of birth and a password, agree to the terms, and verify your e-mail.
faq-history-window = Online payment history shows up to { $history_months } months. If you recently switched to the new payment system, you'll only see payments made after you switched. For older payments, ask me for a payment history letter.
faq-balance-higher-than-expected = If your balance is higher than expected and you have automatic payments, check that the payment method on file is correct. Ask me "what do I owe?" to see each bill, or call { $billing_phone } (TTY { $tty }) with questions about your premium balance.
faq-notifications-not-updated = Your settings may not have been updated, or you may have changed them for e-mail but not for texts (or the other way round). Ask me to turn e-mail or text alerts on or off. This only changes premium billing notifications.
faq-contact-billing = Call the billing line at { $billing_phone } (TTY { $tty }) or e-mail { $billing_email }. The billing team can answer questions, look into a bill and set up payment plans for large balances.
faq-late-fees = To avoid late fees, pay by the due date; autopay makes sure you never miss one. If you can't pay a large balance at once, a payment plan may help (balances of { $min_plan_balance } or more).
