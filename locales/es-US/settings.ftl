# billbot — notificaciones, facturación sin papel, cancelar mensajes (español de EE. UU.).
# { $channel } llega como "correo electrónico", "mensaje de texto" o "Telegram".

notifications-current = Así le avisamos sobre sus facturas y pagos:
notifications-line = • Alertas por { $channel }: { $state }
notifications-which = ¿Cuál le gustaría cambiar?
notifications-on-or-off = ¿Quiere activar o desactivar las alertas por { $channel }?
notifications-confirm-on = ¿Activo las alertas por { $channel } (factura disponible, estado de los pagos y recordatorios)?
notifications-confirm-off = ¿Desactivo las alertas por { $channel } (factura disponible, estado de los pagos y recordatorios)?
notifications-now-on = Las alertas por { $channel } están activadas.
notifications-now-off = Las alertas por { $channel } están desactivadas. Esto solo detiene las alertas de facturación; es posible que siga recibiendo otros mensajes del plan.
notifications-text-reply-start = Como antes había detenido nuestros mensajes de texto, responda también START a uno de nuestros mensajes para volver a recibirlos.
paperless-already-on = Usted ya tiene facturación sin papel.
paperless-already-off = Usted ya recibe sus facturas en papel por correo postal.
paperless-terms = Con la facturación sin papel, sus facturas de la prima le llegan por correo electrónico y en línea en lugar de por correo postal, según los términos y condiciones de Entrega Digital de Documentos. Le avisaremos por correo electrónico cuando tenga una factura disponible.
paperless-terms-ask = ¿Acepta los términos y quiere cambiarse a la facturación sin papel?
paperless-leave-confirm = ¿Quiere volver a recibir sus facturas de la prima en papel por correo postal?
paperless-now-on = Ya está inscrito en la facturación sin papel. Ya no recibirá facturas de la prima por correo postal.
paperless-now-off = Listo. Sus facturas de la prima volverán a llegarle por correo postal.
unsubscribe-which = ¿Qué avisos quiere dejar de recibir?
unsubscribe-confirm = ¿Dejamos de enviarle por { $channel } todos los avisos sobre sus facturas?
unsubscribed = Listo. Ya no le enviaremos por { $channel } avisos sobre sus facturas.
unsubscribed-text-start = Puede responder START en cualquier momento para volver a recibir mensajes de texto.
unsubscribed-how-to-undo = Puede volver a activarlos cuando quiera; solo pídamelo.
