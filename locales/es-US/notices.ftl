# billbot — mensajes que billbot envía por su cuenta (recibos, avisos, recordatorios).
# Los correos pueden nombrar la factura; los textos y Telegram solo montos y fechas.

notice-receipt-subject = Pago recibido: { $amount }
notice-receipt-email = Recibimos su pago de { $amount } el { $date } para la factura { $bill }, con su { $method }. Número de confirmación: { $confirmation }. Ahora debe { $balance }.
notice-receipt-text = Recibimos su pago de { $amount } el { $date }. Confirmación { $confirmation }. Saldo: { $balance }.
notice-declined-subject = Su pago automático no se pudo hacer
notice-declined-email = Su pago automático de { $amount } para la factura { $bill } fue rechazado. { $retry ->
    [none] Por favor, pague de otra forma o actualice su método de pago.
   *[other] Lo intentaremos de nuevo el { $retry }, o puede pagar de otra forma ahora.
}
notice-declined-text = Su pago automático de { $amount } fue rechazado. { $retry ->
    [none] Por favor, pague de otra forma.
   *[other] Lo intentaremos de nuevo el { $retry }.
}
notice-bill-ready-subject = Su factura de la prima está lista
notice-bill-ready-email = Su factura de la prima { $bill } por { $amount } ya se puede ver en línea. Vence el { $date }.
notice-bill-ready-text = Su factura de la prima de { $amount } está lista. Vence el { $date }.
notice-reminder-subject = Recordatorio: { $amount } vence el { $date }
notice-reminder-email = Le recordamos que { $amount } de la factura { $bill } vence el { $date }. Puede pagar en línea, por teléfono o respondiendo en el chat.
notice-reminder-text = Recordatorio: { $amount } vence el { $date }.{ $method ->
    [none] {""}
   *[other] {" "}Responda PAY para pagar { $amount } con { $method }.
}
notice-email-footer = Recibe este correo por sus alertas de facturación. Cancelar la suscripción: { $url }
