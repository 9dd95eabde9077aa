# billbot — what the text channels (SMS, Telegram) say around the conversation.

sms-opted-out = { $program }: You're unsubscribed and won't get more texts from us. Reply START to get them again.
sms-opted-in = { $program }: You're subscribed to texts again. Reply HELP for help, STOP to cancel.
sms-help = { $program }: billing help for plan members. Call { $phone } (TTY { $tty }). Msg&data rates may apply. Reply STOP to cancel.
sms-reply-yes-no = Reply YES or NO.
sms-reply-number = Reply with a number.
sms-reply-more = Reply MORE for the rest.
link-ask-mrn = To link this number to your account, reply with your medical record number (8 digits, on your ID card).
link-bad-mrn = A medical record number has 8 digits. Please reply with yours.
link-ask-birth-date = Thanks. Now reply with your date of birth (MM/DD/YYYY).
link-bad-date = Please reply with your date of birth like 04/12/1980.
link-mismatch = Those details don't match our records. Reply with your medical record number to try again.
link-code-sent = We sent a 6-digit code to the e-mail on file ({ $email }). Reply with the code. It expires in 10 minutes.
link-code-wrong = That code isn't right. Please check the e-mail and try again.
link-code-expired = That code has expired or was tried too many times. Reply LINK to start again.
link-locked = Too many tries. Please wait a while, or call the billing line.
link-done = You're linked! You can now ask about your bills and payments here.
email-link-subject = Your code to link your phone or chat
email-link-body = Your code to link your phone or chat to your account is { $code }. It expires in { $minutes } minutes. If you didn't ask for it, please ignore this e-mail and tell us at the billing line.
telegram-text-only = I can only read text messages. Please type your question.
telegram-private-only = For your privacy I only talk about accounts in a private chat. Please message me directly.
