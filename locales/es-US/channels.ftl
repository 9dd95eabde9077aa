# billbot — lo que dicen los canales de texto (SMS, Telegram) alrededor de la conversación.

sms-opted-out = { $program }: Se dio de baja y ya no recibirá más mensajes de texto nuestros. Responda START para recibirlos de nuevo.
sms-opted-in = { $program }: Volverá a recibir nuestros mensajes de texto. Responda HELP para ayuda o STOP para cancelar.
sms-help = { $program }: ayuda de facturación para afiliados. Llame al { $phone } (TTY { $tty }). Pueden aplicar tarifas de mensajes y datos. Msg&data rates may apply. Reply STOP to cancel.
sms-reply-yes-no = Responda YES o NO.
sms-reply-number = Responda con un número.
sms-reply-more = Responda MORE para ver el resto.
link-ask-mrn = Para conectar este número con su cuenta, responda con su número de historia clínica (8 dígitos, está en su tarjeta de identificación).
link-bad-mrn = El número de historia clínica tiene 8 dígitos. Por favor, responda con el suyo.
link-ask-birth-date = Gracias. Ahora responda con su fecha de nacimiento (MM/DD/AAAA).
link-bad-date = Por favor, responda con su fecha de nacimiento así: 04/12/1980.
link-mismatch = Esos datos no coinciden con nuestros registros. Responda con su número de historia clínica para intentarlo de nuevo.
link-code-sent = Enviamos un código de 6 dígitos al correo electrónico que tenemos registrado ({ $email }). Responda con el código. Vence en 10 minutos.
link-code-wrong = Ese código no es correcto. Revise el correo e inténtelo de nuevo.
link-code-expired = Ese código se venció o se intentó demasiadas veces. Responda LINK para empezar de nuevo.
link-locked = Demasiados intentos. Espere un rato o llame a la línea de facturación.
link-done = ¡Listo, quedó conectado! Ya puede preguntar aquí por sus facturas y pagos.
email-link-subject = Su código para conectar su teléfono o chat
email-link-body = Su código para conectar su teléfono o chat con su cuenta es { $code }. Vence en { $minutes } minutos. Si usted no lo pidió, ignore este correo y avísenos a la línea de facturación.
telegram-text-only = Solo puedo leer mensajes de texto. Por favor, escriba su pregunta.
telegram-private-only = Por su privacidad, solo hablo de cuentas en un chat privado. Por favor, escríbame directamente.
