# billbot — respuestas a partir del perfil del plan (español de EE. UU.).
# Todos los mensajes de preguntas frecuentes reciben los mismos argumentos: billing_phone, tty,
# billing_email, history_months, generated_by_day, covered_first, covered_monthly,
# oregon_service, oregon_advice, oregon_tty, min_plan_balance, region, region_phone,
# mail_address, pay_online, known_region ("yes" cuando se conoce la región del miembro).

faq-menu = ¿Qué le gustaría saber? Estas son algunas preguntas frecuentes:
faq-title-pay-online = Pagar en línea
faq-title-pay-by-phone = Pagar por teléfono
faq-title-pay-by-mail = Pagar por correo postal
faq-title-payment-options = Formas de pago
faq-title-statement-timing = Cuándo llegan las facturas
faq-title-contact-billing = Contactar a facturación
faq-pay-online = { $known_region ->
    [yes] Puede pagar en línea en cualquier momento en { $pay_online }, o aquí mismo conmigo.
   *[other] Puede pagar en línea en cualquier momento en { $pay_online } (los miembros de Maryland y Virginia también pueden usar kp.org/mas/onlinebilling), o aquí mismo conmigo una vez que inicie sesión.
}
faq-pay-by-phone = { $known_region ->
    [yes] Puede pagar por teléfono las 24 horas del día, los 7 días de la semana. En { $region }, llame al { $region_phone }.
   *[other] Puede pagar por teléfono las 24 horas del día, los 7 días de la semana. Llame al número de su región: { $region_phone }.
}
faq-pay-by-mail = Envíe su pago por correo postal a: { $mail_address }.
faq-payment-options = Puede pagar con tarjeta de crédito, tarjeta de débito o transferencia electrónica de fondos (EFT) desde una cuenta bancaria. Puede hacer un pago único (total o parcial) o configurar pagos automáticos.
faq-statement-timing = Los estados de cuenta de la prima normalmente están listos en las primeras dos semanas del mes (a más tardar el día { $generated_by_day }) y se envían por correo postal a mediados del mes. Si tiene facturación sin papel, recibirá un correo electrónico y podrá ver su estado de cuenta en línea.
faq-coverage-types = Estos son los tipos de cobertura:
coverage-medicare = • Medicare: un programa federal de salud para personas de 65 años o más (y algunas personas más jóvenes con ciertas discapacidades o enfermedades).
coverage-individual-exchange = • Individual – Exchange (mercado de seguros): un plan individual y familiar comprado a través de un mercado de seguros médicos, como healthcare.gov.
coverage-individual = • Individual: un plan individual y familiar comprado directamente al plan de salud, no a través de un mercado de seguros.
coverage-cobra = • COBRA: le permite seguir en el plan de su empleador después de un suceso como perder el trabajo; usted paga la prima mensual.
coverage-employer-group = • Grupo del empleador: cobertura a través de su empleador, que normalmente paga parte de la prima.
faq-covered-california = Si tiene Covered California: haga su primer pago iniciando sesión en su cuenta de { $covered_first }. Para los pagos mensuales en línea, visite { $covered_monthly }.
faq-oregon-contacts = En Oregon y el suroeste de Washington, llame a Servicio al Cliente al { $oregon_service } (TTY { $oregon_tty }). Para consejos médicos y citas, llame al { $oregon_advice } (TTY { $oregon_tty }).
faq-registration = Para inscribirse en el pago de facturas en línea, necesita su número de historia clínica (aparece en su tarjeta de identificación). Elija "Sign in" y luego "Register now"; escriba su nombre, correo electrónico, número de historia clínica, fecha de nacimiento y una contraseña; acepte los términos y verifique su correo electrónico.
faq-history-window = El historial de pagos en línea muestra hasta { $history_months } meses. Si se cambió hace poco al nuevo sistema de pagos, solo verá los pagos que hizo después del cambio. Para pagos más antiguos, pídame una carta de historial de pagos.
faq-balance-higher-than-expected = Si su saldo es más alto de lo que esperaba y tiene pagos automáticos, revise que el método de pago registrado sea el correcto. Pregúnteme "¿cuánto debo?" para ver cada factura, o llame al { $billing_phone } (TTY { $tty }) si tiene preguntas sobre el saldo de su prima.
faq-notifications-not-updated = Puede ser que su configuración no se haya actualizado, o que la haya cambiado para el correo electrónico pero no para los mensajes de texto (o al revés). Pídame que active o desactive las alertas por correo electrónico o por mensaje de texto. Esto solo cambia las notificaciones de facturación de la prima.
faq-contact-billing = Llame a la línea de facturación al { $billing_phone } (TTY { $tty }) o escriba a { $billing_email }. El equipo de facturación puede contestar sus preguntas, revisar una factura y configurar planes de pagos para saldos altos.
faq-late-fees = Para evitar cargos por pago atrasado, pague a más tardar en la fecha de vencimiento; con el pago automático, nunca se le pasará una fecha. Si no puede pagar un saldo alto de una sola vez, un plan de pagos puede ayudarle (para saldos de { $min_plan_balance } o más).
