# billbot — saldos, facturas, pagos (español de EE. UU.).
# { $bill } llega como "factura del laboratorio (M-1003)": las frases la usan
# después de "su", "la" o "de su".

## Nombres de cosas
bill-name = { $category } ({ $id })
category-premium = factura de la prima
category-lab = factura del laboratorio
category-office-visit = factura de la consulta
category-hospital = factura del hospital
category-pharmacy = factura de la farmacia
category-other = factura
method-card = tarjeta { $brand } que termina en { $last4 }
method-debit = tarjeta de débito { $brand } que termina en { $last4 }
method-checking = cuenta de cheques que termina en { $last4 }
method-savings = cuenta de ahorros que termina en { $last4 }
method-unknown = método de pago que ya no está en su cuenta
payment-kind-one-time = pago único
payment-kind-autopay = pago automático
payment-kind-plan-installment = plan de pagos

## Saldo y fechas de vencimiento
balance-zero = En este momento no debe nada.
balance-credit-left = Tiene un crédito de { $credit } que se aplicará a su próxima factura.
balance-total = Debe un total de { $total } { $count ->
    [one] en una factura
   *[other] entre { $count } facturas
}:
balance-line = • Su { $bill }: { $balance }, vence el { $date }
balance-credit = Ya se descontó de ese total un crédito de { $credit } que tiene en su cuenta.
balance-autopay = El pago automático pagará su prima el { $date }.
due-nothing = No tiene facturas pendientes en este momento.
due-line = • Su { $bill }: { $balance }, vence el { $date }
due-line-overdue = • Su { $bill }: { $balance }, venció el { $date } y está atrasada.
due-rule-end-of-prior-month = La prima vence al final del mes anterior al mes de cobertura (para la cobertura que empieza el 1 de junio, pague a más tardar el 31 de mayo).
due-rule-first-of-month = En { $region }, la prima vence el primer día del mes de cobertura.
due-autopay = El pago automático la pagará el { $date } con su { $method }.

## Ver y explicar una factura
bill-which = ¿Cuál factura?
bill-not-found = No encuentro esa factura en su cuenta.
bill-header = Su { $bill }: estado de cuenta del { $statement }, vence el { $due }.
bill-service = • { $service }
bill-service-visit = • { $service }, { $date }, { $provider }
bill-totals = Su parte: { $amount }. Pagado: { $paid }. Saldo: { $balance }.
bill-payment-line = Pagó { $amount } el { $date } (número de confirmación { $confirmation }).
link-bill-pdf = Descargar la factura (PDF)
explain-intro = Así se calcula el total de { $amount } de su { $bill }:
explain-line = • { $service }: se facturó { $charges }, su plan pagó { $plan_paid } y a usted le corresponde { $share }.
explain-line-adjusted = • { $service }: se facturó { $charges }, su plan pagó { $plan_paid }, los ajustes descontaron { $adjustments } y a usted le corresponde { $share }.
explain-adjustments-meaning = Los ajustes son descuentos que el plan tiene acordados con sus proveedores (o, en las primas, subsidios como el crédito tributario para la prima). Usted no los paga.
explain-paid-so-far = Ya pagó { $paid }, así que le quedan { $balance } por pagar.
explain-compare-up = Son { $diff } más que la anterior ({ $previous }, { $date }).
explain-compare-down = Son { $diff } menos que la anterior ({ $previous }, { $date }).
explain-compare-same = Es lo mismo que la anterior ({ $previous }).
explain-premium-factors-hint = La prima puede cambiar según su edad, dónde vive, su plan, los costos de la atención médica y los subsidios. Para saber más, pregúnteme "¿por qué subió mi prima?".
explain-next-steps = Puede pagarla, preguntar por un plan de pagos o pedir que alguien del departamento de facturación revise un cargo.
button-pay-this-bill = Pagar esta factura
button-explain-this-bill = Explicar esta factura
button-payment-plan = Plan de pagos
button-question-a-charge = Aclarar un cargo
button-bill = { $bill }: { $balance }

## Pagos
pay-nothing-due = En este momento no tiene nada que pagar.
pay-which-bill = ¿Qué factura desea pagar?
pay-how-much = ¿Cuánto desea pagar de su { $bill }? El saldo es de { $balance }.
pay-how-much-total = ¿Cuánto desea pagar? Debe { $balance }.
pay-which-method = ¿Con qué método de pago desea pagar?
other-bill-note = Solo puedo trabajar con las facturas de su cuenta del plan de salud, no con facturas de otras compañías. Esto es lo que muestra su cuenta del plan.
pay-no-such-bill = No encuentro una factura pendiente así en su cuenta.
pay-no-such-method = No encuentro un método de pago guardado así.
pay-no-methods = No tiene ningún método de pago guardado. Puede agregar una tarjeta o una cuenta bancaria en la página segura de su cuenta.
pay-method-expired = Su { $method } está vencida.
pay-more-than-due = { $amount } es más de lo que debe ({ $due }).
pay-not-positive = La cantidad tiene que ser mayor de $0.00.
pay-fraction-of-cent = La cantidad no puede tener fracciones de centavo.
pay-quote = Va a pagar { $amount } de su { $bill } con su { $method } hoy, { $date }. Después de este pago, deberá { $after }.
pay-quote-everything = Va a pagar { $amount }, todo lo que debe, con su { $method } hoy, { $date }.
pay-quote-credit = También se aplicará su crédito de { $credit }.
pay-quote-ask = ¿Hago el pago? (Esta cotización es válida por { $minutes } minutos.)
pay-quote-expired = Esa cotización se venció, así que no se pagó nada. Aquí tiene una nueva:
pay-declined-by-member = Está bien, no hice el pago.
pay-receipt = ¡Listo! Pagó { $amount } el { $date }. Su número de confirmación es { $confirmation }.
pay-receipt-balance = Ahora debe { $balance }.
pay-receipt-all-paid = Ya no debe nada. ¡Está al día!
pay-declined = Su banco rechazó el pago, así que no se pagó nada.
pay-insufficient-funds = El pago fue rechazado por fondos insuficientes, así que no se pagó nada.
pay-try-another-method = Puede intentarlo con otro método de pago o llamar a la línea de facturación para recibir ayuda.
pay-not-possible = Su saldo cambió desde que le di esa cotización, así que no hice el pago. Pídamelo de nuevo y le daré una cotización nueva.
button-pay = Sí, pagar { $amount }
button-full-balance = Saldo completo ({ $amount })
button-pay-everything = Todo ({ $amount })

## Historial de pagos
history-none = No veo ningún pago entre el { $from } y el { $to }.
history-header = { $count ->
    [one] Un pago
   *[other] { $count } pagos
} entre el { $from } y el { $to }:
history-line = • { $date }: { $amount } con { $method }, { $kind } (confirmación { $confirmation })
history-line-failed = • { $date }: { $amount } con { $method }; no se procesó
history-line-pending = • { $date }: { $amount } con { $method }; todavía se está procesando
history-more = …y { $count } más. Pídame un período más corto para verlos.
history-older = El historial en línea muestra los últimos { $months } meses, así que le muestro los pagos desde el { $start }. Para pagos más antiguos, puede pedir una carta de historial de pagos.
history-older-only = El historial en línea solo llega a { $months } meses atrás (hasta el { $start }), así que no puedo mostrarle esos pagos aquí. Para pagos más antiguos, puede pedir una carta de historial de pagos.
button-history-letter = Carta de historial de pagos

## Métodos de pago
methods-none = No tiene ningún método de pago guardado.
methods-header = { $count ->
    [one] Su método de pago guardado:
   *[other] Sus métodos de pago guardados:
}
methods-line = • { $method }
methods-line-default = • { $method } (principal)
methods-expired = Su { $method } está vencida; por favor, actualícela.
methods-accepted = Aceptamos tarjetas de crédito, tarjetas de débito y transferencias bancarias electrónicas (EFT).
methods-add-securely = Para agregar o quitar una tarjeta o cuenta bancaria, use la página segura de su cuenta. Nunca escriba números de tarjeta en el chat.
link-add-method = Agregar un método de pago

## Pago automático
frequency-monthly-due-date = cada mes en la fecha de vencimiento
frequency-monthly-day = el día { $day } de cada mes
frequency-weekly = cada { $weekday }
autopay-confirm-new = Voy a configurar su pago automático para que se haga { $frequency } con su { $method }. El primer pago será el { $date }.
autopay-confirm-change = Voy a cambiar su pago automático para que se haga { $frequency } con su { $method }. El próximo pago será el { $date }.
autopay-confirm-ask = ¿Está bien así?
autopay-set = Listo, su pago automático está activado: se hará { $frequency } y el próximo pago será el { $date }.
autopay-none-to-cancel = No tiene pago automático configurado, así que no hay nada que cancelar.
autopay-cancel-confirm = ¿Cancelo el pago automático ({ $frequency } con su { $method })? No se hará el pago programado para el { $date }.
autopay-cancelled = El pago automático está desactivado. Ya no se harán pagos automáticos.
autopay-cancelled-next-due = Su próxima prima de { $amount } vence el { $date }.
autopay-status-off = El pago automático está desactivado. ¿Quiere configurarlo?
autopay-status-on = El pago automático está activado: { $frequency } con su { $method }. Próximo pago: { $date }.
autopay-status-next-amount = Pagará { $amount } de su { $bill }.

## Planes de pagos
plan-none-eligible = Los planes de pagos son para saldos de { $min } o más, y ninguna de sus facturas pendientes califica.
plan-existing = Ya tiene un plan de pagos para la factura { $bill }: lleva { $paid } de { $count } pagos.
plan-call-billing = Para otras opciones, llame a la línea de facturación al { $phone } (TTY { $tty }).
plan-which-bill = ¿Qué factura le gustaría pagar a plazos?
plan-already = Su { $bill } ya está en un plan de pagos.
plan-too-small = Su { $bill } tiene un saldo de { $balance }, que no llega al mínimo de { $min } para un plan de pagos.
plan-eligible = Su { $bill }, con un saldo de { $balance }, califica para un plan de pagos. Puede dividirla en varios meses:
plan-choose = ¿Cuál prefiere?
plan-bad-count = Un plan de pagos puede tener de { $min } a { $max } pagos mensuales.
plan-confirm = Voy a dividir el saldo de { $balance } de su { $bill } en { $count } pagos mensuales de { $amount } con su { $method }; el primero se hará hoy.
plan-confirm-rounding = (El último pago será de { $last } para que el total cuadre exacto.)
plan-confirm-ask = ¿Lo configuro?
plan-created = Su plan de pagos quedó configurado: { $count } pagos mensuales.
plan-first-paid = Ya se hizo el primer pago de { $amount } (número de confirmación { $confirmation }).
plan-schedule-line = • Pago { $number }: { $amount } el { $date }
button-plan-option = { $count } pagos de { $amount }

## Estados de cuenta y cartas
statements-header = Sus estados de cuenta más recientes:
statements-line = • { $date }: { $bill }, { $amount }
statements-paperless = Usted tiene facturación sin papel, así que los recibe por correo electrónico y en línea, no por correo postal.
statements-letters = También puedo pedir por usted una carta para impuestos o una carta de historial de pagos.
button-tax-letter = Carta para impuestos
letter-confirm-tax = ¿Pido una carta para impuestos con las primas que pagó? Servicios para Miembros se la enviará.
letter-confirm-history = ¿Pido una carta de historial de pagos? Servicios para Miembros se la enviará.
letter-requested-tax = Listo: pedí su carta para impuestos (solicitud n.º { $number }). Servicios para Miembros se la enviará.
letter-requested-history = Listo: pedí su carta de historial de pagos (solicitud n.º { $number }). Servicios para Miembros se la enviará.

## Primas
premium-intro = Su prima mensual puede cambiar por:
premium-factor-age = • Su edad: a partir de los 14 años, su tarifa cambia cada año según su grupo de edad.
premium-factor-service-area = • Dónde vive: mudarse a otra área de servicio puede cambiarla.
premium-factor-plan-choice = • El plan que elija.
premium-factor-health-care-costs = • El costo de la atención médica: hospitales, salarios, nuevas tecnologías y medicamentos suben cada año.
premium-factor-subsidies = • Los subsidios: si recibe subsidios federales, lo que paga depende de sus ingresos.
premium-yours-changed = Su prima pasó de { $previous } a { $current } (factura con vencimiento el { $date }).
premium-yours-same = Su prima es de { $current }, igual que el mes pasado.
premium-more-help = Si tiene preguntas sobre su prima, llame al { $phone }.
