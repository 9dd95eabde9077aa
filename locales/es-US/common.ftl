# billbot — conversación general (español de EE. UU.).
# El dinero y las fechas llegan ya con formato ($1,234.56, 30 de noviembre de 2026, 30 nov).
# Se trata al miembro de "usted".

greeting-member = ¡Hola, { $name }!
greeting-visitor = ¡Hola! Soy el asistente de facturación.
greeting-offer = Puedo decirle cuánto debe, pagar una factura, configurar el pago automático, explicarle un cargo y mucho más. ¿En qué le puedo ayudar?
help-intro = Puedo ayudarle con:
help-list = • su saldo y fechas de vencimiento • ver o entender una factura • pagar una factura • pago automático • historial de pagos • métodos de pago • alertas por correo electrónico y mensaje de texto, facturación sin papel • planes de pagos • estados de cuenta y cartas para impuestos • preguntas sobre cómo pagar su prima
help-person = Para hablar con una persona, llame a la línea de facturación al { $phone } (TTY { $tty }).
thanks-reply = ¡Con gusto! ¿Le puedo ayudar con algo más?
goodbye-reply = Gracias por comunicarse con nosotros. ¡Que le vaya bien!
sign-in-first = Primero inicie sesión para que yo pueda ver su cuenta. Mientras tanto, puedo contestar preguntas generales sobre cómo pagar su factura.
link-first = Para ver su cuenta aquí, primero necesito vincular este chat con usted. Responda LINK para empezar. Mientras tanto, puedo contestar preguntas generales.
link-already = Esta conversación ya está vinculada con su cuenta.
resume-flow = Ahora, sigamos con lo que estábamos haciendo:
stale-button = Ese botón era de una pregunta anterior, así que no hice nada.
nothing-to-confirm = No hay nada pendiente de su confirmación en este momento. ¿Qué le gustaría hacer?
nothing-to-cancel = No hay nada que cancelar. ¿En qué le puedo ayudar?
cancelled = Listo, lo cancelé. No se hizo ningún cambio.
cancelled-payment = Listo, cancelé el pago. No se cobró nada.
change-declined-by-member = Está bien, no cambié nada.
flow-expired = Nuestra conversación anterior se cerró por inactividad, así que la dejé de lado.
effect-failed = Lo sentimos, algo falló de nuestro lado y no se hizo ningún cambio. Inténtelo de nuevo en unos minutos o llame a la línea de facturación.
card-number-warning = Por favor, no envíe números de tarjeta por el chat. Lo oculté y no lo guardé. Para agregar una tarjeta o cuenta bancaria, use la página segura de su cuenta.
oos-reply = Lo siento, con eso no le puedo ayudar aquí. Sí le puedo ayudar con su factura: saldos, pagos, pago automático, estados de cuenta y alertas.
oos-examples = Puede preguntarme, por ejemplo: "¿cuánto debo?", "pagar mi factura del laboratorio" o "¿cuándo vence mi prima?".
oos-billing-problem = Por aquí no puedo corregir una factura ni revisar un cargo, pero nuestro equipo de facturación sí. Llame al { $phone } (TTY { $tty }) o, si quiere, les pido que se comuniquen con usted.
oos-offer-person = Disculpe, sigo sin entenderle. ¿Quiere hablar con una persona? También puede llamar a la línea de facturación al { $phone } (TTY { $tty }).
handoff-ticket = Le pedí a nuestro equipo de facturación que le ayude (solicitud n.º { $number }). Para una respuesta más rápida, llame al { $phone } (TTY { $tty }) o escriba a { $email }.
invalid-amount = "{ $text }" no es una cantidad que yo pueda usar.
invalid-date = "{ $text }" no es una fecha válida.
invalid-frequency = "{ $text }" no es una frecuencia que yo pueda usar.
invalid-value = No pude usar "{ $text }".
invalid-nothing-changed = No se hizo ningún cambio. ¿Me lo puede decir de otra manera?
language-which = ¿En qué idioma prefiere que le atienda?
language-name-en = English
language-name-es = Español
language-switched = Muy bien, seguimos en español.
state-on = activadas
state-off = desactivadas

## Respuestas rápidas
button-yes = Sí
button-no = No
button-i-agree = Acepto
button-yes-stop = Sí, detener los avisos
button-yes-stop-autopay = Sí, cancelar el pago automático
button-no-keep-it = No, mantenerlo
button-turn-on = Activar
button-turn-off = Desactivar
button-help = ¿Qué puede hacer?
button-talk-to-person = Hablar con una persona
button-what-do-i-owe = ¿Cuánto debo?
button-pay-a-bill = Pagar una factura
button-explain-a-bill = Explicar una factura
button-autopay = Pago automático
button-payment-history = Historial de pagos
button-set-up-autopay = Configurar el pago automático

## Nombres
weekday-monday = lunes
weekday-tuesday = martes
weekday-wednesday = miércoles
weekday-thursday = jueves
weekday-friday = viernes
weekday-saturday = sábado
weekday-sunday = domingo
channel-email = correo electrónico
channel-text = mensaje de texto
channel-telegram = Telegram

## Correo electrónico
email-verify-subject = Su código de verificación
email-verify-body = Su código para terminar de registrarse en el pago de facturas en línea es { $code }. Vence en { $minutes } minutos. Si usted no lo pidió, puede ignorar este correo.
