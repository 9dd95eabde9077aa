# billbot — messages billbot sends on its own (receipts, notices, reminders).
# E-mails may name the bill; texts and Telegram carry amounts and dates only.

notice-receipt-subject = Payment received: { $amount }
notice-receipt-email = We received your payment of { $amount } on { $date } for bill { $bill }, with your { $method }. Confirmation number: { $confirmation }. You now owe { $balance }.
notice-receipt-text = Payment of { $amount } received on { $date }. Confirmation { $confirmation }. Balance now { $balance }.
notice-declined-subject = Your automatic payment didn't go through
notice-declined-email = Your automatic payment of { $amount } for bill { $bill } was declined. { $retry ->
    [none] Please pay another way or update your payment method.
   *[other] We'll try again on { $retry }, or you can pay another way now.
}
notice-declined-text = Your automatic payment of { $amount } was declined. { $retry ->
    [none] Please pay another way.
   *[other] We'll try again on { $retry }.
}
notice-bill-ready-subject = Your premium bill is ready
notice-bill-ready-email = Your premium bill { $bill } for { $amount } is ready to view online. It's due { $date }.
notice-bill-ready-text = Your premium bill of { $amount } is ready. Due { $date }.
notice-reminder-subject = Reminder: { $amount } due { $date }
notice-reminder-email = A reminder that { $amount } on bill { $bill } is due { $date }. You can pay online, by phone, or by replying in the chat.
notice-reminder-text = Reminder: { $amount } is due { $date }.{ $method ->
    [none] {""}
   *[other] {" "}Reply PAY to pay { $amount } with { $method }.
}
notice-email-footer = You get this e-mail because of your billing alerts. Unsubscribe: { $url }
