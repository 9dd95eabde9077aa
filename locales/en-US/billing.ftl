# billbot — balances, bills, payments (US English).

## Names of things
bill-name = { $category } ({ $id })
category-premium = premium bill
category-lab = lab bill
category-office-visit = office visit bill
category-hospital = hospital bill
category-pharmacy = pharmacy bill
category-other = bill
method-card = { $brand } ending in { $last4 }
method-debit = { $brand } debit card ending in { $last4 }
method-checking = checking account ending in { $last4 }
method-savings = savings account ending in { $last4 }
method-unknown = payment method that is no longer on file
payment-kind-one-time = one-time
payment-kind-autopay = autopay
payment-kind-plan-installment = payment plan

## Balance and due dates
balance-zero = You don't owe anything right now.
balance-credit-left = You have a { $credit } credit that will be applied to your next bill.
balance-total = You owe { $total } in all, on { $count ->
    [one] one bill
   *[other] { $count } bills
}:
balance-line = • { $bill }: { $balance }, due { $date }
balance-credit = A { $credit } credit on your account is already taken off that total.
balance-autopay = Autopay is set to pay your premium on { $date }.
due-nothing = You have no bills due right now.
due-line = • { $bill }: { $balance } due { $date }
due-line-overdue = • { $bill }: { $balance } was due { $date } and is past due.
due-rule-end-of-prior-month = Premiums are due at the end of the month before the month of coverage (for coverage starting June 1, pay by May 31).
due-rule-first-of-month = In { $region }, premiums are due on the first day of the month of coverage.
due-autopay = Autopay will pay it on { $date } with your { $method }.

## Viewing and explaining a bill
bill-which = Which bill?
bill-not-found = I can't find that bill on your account.
bill-header = { $bill }: statement of { $statement }, due { $due }.
bill-service = • { $service }
bill-service-visit = • { $service }, { $date }, { $provider }
bill-totals = Your share: { $amount }. Paid: { $paid }. Balance: { $balance }.
bill-payment-line = Paid { $amount } on { $date } (confirmation { $confirmation }).
link-bill-pdf = Download the bill (PDF)
explain-intro = Here's how your { $bill } comes to { $amount }:
explain-line = • { $service }: billed { $charges }, your plan paid { $plan_paid }, your share is { $share }.
explain-line-adjusted = • { $service }: billed { $charges }, your plan paid { $plan_paid }, adjustments took off { $adjustments }, your share is { $share }.
explain-adjustments-meaning = Adjustments are discounts the plan has with its providers (or, on premiums, subsidies such as a premium tax credit). You don't pay them.
explain-paid-so-far = You've already paid { $paid }, so { $balance } is left.
explain-compare-up = That's { $diff } more than your previous one ({ $previous }, { $date }).
explain-compare-down = That's { $diff } less than your previous one ({ $previous }, { $date }).
explain-compare-same = That's the same as your previous one ({ $previous }).
explain-premium-factors-hint = Premiums can change with your age, where you live, your plan, health care costs and subsidies. Ask me "why did my premium change?" for more.
explain-next-steps = You can pay it, ask about a payment plan, or have someone from billing look at a charge.
button-pay-this-bill = Pay this bill
button-explain-this-bill = Explain this bill
button-payment-plan = Payment plan
button-question-a-charge = Question a charge
button-bill = { $bill }: { $balance }

## Paying
pay-nothing-due = You don't have anything to pay right now.
pay-which-bill = Which bill would you like to pay?
pay-how-much = How much would you like to pay on your { $bill }? The balance is { $balance }.
pay-how-much-total = How much would you like to pay? You owe { $balance }.
pay-which-method = Which payment method should I use?
other-bill-note = I can only work with the bills of your health plan account, not bills from other companies. Here is what your plan account shows.
pay-no-such-bill = I can't find an open bill like that on your account.
pay-no-such-method = I can't find a saved payment method like that.
pay-no-methods = You don't have a saved payment method. You can add a card or bank account on the secure page in your account.
pay-method-expired = Your { $method } has expired.
pay-more-than-due = { $amount } is more than the { $due } due.
pay-not-positive = The amount has to be more than $0.00.
pay-fraction-of-cent = Amounts can only go down to the cent.
pay-quote = You're about to pay { $amount } on your { $bill } with your { $method } today, { $date }. After this you'll owe { $after }.
pay-quote-everything = You're about to pay { $amount }, everything you owe, with your { $method } today, { $date }.
pay-quote-credit = Your { $credit } credit is applied too.
pay-quote-ask = Shall I make this payment? (This quote is good for { $minutes } minutes.)
pay-quote-expired = That quote has expired, so nothing was paid. Here is a new one:
pay-declined-by-member = OK, I didn't make the payment.
pay-receipt = Done! You paid { $amount } on { $date }. Your confirmation number is { $confirmation }.
pay-receipt-balance = You now owe { $balance }.
pay-receipt-all-paid = You're all paid up.
pay-declined = Your bank declined the payment, so nothing was paid.
pay-insufficient-funds = The payment was declined for insufficient funds, so nothing was paid.
pay-try-another-method = You can try another payment method, or call the billing line for help.
pay-not-possible = Your balance changed since I quoted that payment, so I didn't make it. Please ask again and I'll give you a new quote.
button-pay = Yes, pay { $amount }
button-full-balance = Full balance ({ $amount })
button-pay-everything = Everything ({ $amount })

## Payment history
history-none = I don't see any payments between { $from } and { $to }.
history-header = { $count ->
    [one] One payment
   *[other] { $count } payments
} between { $from } and { $to }:
history-line = • { $date }: { $amount } by { $method }, { $kind } (confirmation { $confirmation })
history-line-failed = • { $date }: { $amount } by { $method } did not go through
history-line-pending = • { $date }: { $amount } by { $method } is still processing
history-more = …and { $count } more. Ask for a shorter period to see them.
history-older = Online history shows the last { $months } months, so I started on { $start }. For older payments, you can request a payment history letter.
history-older-only = Online history only goes back { $months } months (to { $start }), so I can't show those payments here. You can request a payment history letter for older ones.
button-history-letter = Payment history letter

## Payment methods
methods-none = You don't have any saved payment methods.
methods-header = Your saved payment { $count ->
    [one] method
   *[other] methods
}:
methods-line = • { $method }
methods-line-default = • { $method } (default)
methods-expired = Your { $method } has expired; please update it.
methods-accepted = We accept credit cards, debit cards, and bank transfers (EFT).
methods-add-securely = To add or remove a card or bank account, use the secure page in your account. Never type card numbers in chat.
link-add-method = Add a payment method

## Autopay
frequency-monthly-due-date = every month on the due date
frequency-monthly-day = on day { $day } of every month
frequency-weekly = every { $weekday }
autopay-confirm-new = I'll set up autopay { $frequency } with your { $method }. The first payment will be on { $date }.
autopay-confirm-change = I'll change your autopay to { $frequency } with your { $method }. The next payment will be on { $date }.
autopay-confirm-ask = Is that right?
autopay-set = Autopay is on: { $frequency }, next payment { $date }.
autopay-none-to-cancel = You don't have autopay set up, so there's nothing to stop.
autopay-cancel-confirm = Stop autopay ({ $frequency } with your { $method })? The payment planned for { $date } won't be made.
autopay-cancelled = Autopay is off. No more automatic payments will be made.
autopay-cancelled-next-due = Your next premium of { $amount } is due { $date }.
autopay-status-off = Autopay is off. Want to set it up?
autopay-status-on = Autopay is on: { $frequency } with your { $method }. Next payment: { $date }.
autopay-status-next-amount = It will pay { $amount } on your { $bill }.

## Payment plans
plan-none-eligible = Payment plans are for balances of { $min } or more, and none of your open bills qualifies.
plan-existing = You already have a plan for your { $bill }: { $paid } of { $count } payments made.
plan-call-billing = For other options, call the billing line at { $phone } (TTY { $tty }).
plan-which-bill = Which bill would you like to pay over time?
plan-already = Your { $bill } is already in a payment plan.
plan-too-small = Your { $bill } has a balance of { $balance }, under the { $min } minimum for a payment plan.
plan-eligible = Your { $bill }, with a balance of { $balance }, qualifies for a payment plan. You can spread it over several months:
plan-choose = Which would you like?
plan-bad-count = A payment plan can have { $min } to { $max } monthly payments.
plan-confirm = I'll split the { $balance } on your { $bill } into { $count } monthly payments of { $amount } with your { $method }, the first one today.
plan-confirm-rounding = (The last payment is { $last } so the total comes out exact.)
plan-confirm-ask = Shall I set it up?
plan-created = Your payment plan is set up: { $count } monthly payments.
plan-first-paid = The first payment of { $amount } is done (confirmation { $confirmation }).
plan-schedule-line = • Payment { $number }: { $amount } on { $date }
button-plan-option = { $count } payments of { $amount }

## Statements and letters
statements-header = Your most recent statements:
statements-line = • { $date }: { $bill }, { $amount }
statements-paperless = You're paperless, so these come by e-mail and online, not by mail.
statements-letters = I can also request a tax letter or a payment history letter for you.
button-tax-letter = Tax letter
letter-confirm-tax = Request a tax letter showing the premiums you paid? Member Services will send it to you.
letter-confirm-history = Request a payment history letter? Member Services will send it to you.
letter-requested-tax = Done: tax letter requested (request #{ $number }). Member Services will send it to you.
letter-requested-history = Done: payment history letter requested (request #{ $number }). Member Services will send it to you.

## Premiums
premium-intro = Your monthly premium can change because of:
premium-factor-age = • Your age: once you turn 14, your rate changes every year based on your age group.
premium-factor-service-area = • Where you live: moving to another service area can change it.
premium-factor-plan-choice = • Your choice of plan.
premium-factor-health-care-costs = • The cost of health care: hospitals, wages, new technologies and medicines go up every year.
premium-factor-subsidies = • Subsidies: if you get federal subsidies, what you pay depends on your income.
premium-yours-changed = Your premium went from { $previous } to { $current }, starting with the bill due { $date }.
premium-yours-same = Your premium is { $current } and hasn't changed lately.
premium-more-help = For questions about your premium, call { $phone }.
