import type { en } from './en';

// Spanish catalog: the type makes a missing or extra key a compile error. Register: "tú"
// on the student page, "usted" for adults (teachers, families, admins), neutral elsewhere.
export const es: Record<keyof typeof en, string> = {
  'app.name': 'Trellis',
  'app.documentTitle': '{page} · Trellis',
  'app.skipLink': 'Saltar al contenido principal',

  'noBoot.title': 'Abra Trellis desde su curso',
  'noBoot.body': 'Trellis funciona dentro de la plataforma de aprendizaje de la escuela. Vaya a su curso y seleccione el enlace o la tarea de Trellis para comenzar.',

  'launch.who': 'Sesión iniciada como',
  'launch.course': 'Curso',
  'launch.platform': 'Plataforma',
  'launch.activity': 'Actividad',
  'launch.anonymous': 'Usuario anónimo',
  'launch.noCourse': 'Sin curso',
  'launch.courseWithLabel': '{title} ({label})',

  'role.learner': 'Estudiante',
  'role.instructor': 'Docente',
  'role.teaching-assistant': 'Asistente de docencia',
  'role.mentor': 'Tutor o familiar',
  'role.administrator': 'Administrador',
  'role.content-developer': 'Creador de contenido',

  'comingSoon.heading': 'Próximamente',
  'comingSoon.intro': 'Estamos construyendo esta página paso a paso. Esto es lo que tendrá:',

  'student.title': 'Tu espacio de práctica',
  'student.greeting': '¡Hola, {name}! Cada práctica te ayuda a crecer.',
  'student.greetingAnonymous': '¡Hola! Cada práctica te ayuda a crecer.',
  'student.item.practice': 'Práctica elegida para ti, empezando por lo que ya haces bien',
  'student.item.hints': 'Pistas cuando te atasques, un pequeño paso a la vez',
  'student.item.progress': 'Tu progreso, para que veas todo lo que has aprendido',
  'student.item.grade': 'Tu puntuación enviada automáticamente al libro de calificaciones de tu docente',

  'teacher.title': 'Su clase de un vistazo',
  'teacher.intro': 'Vea primero las fortalezas de su clase y luego dónde un poco más de apoyo puede ayudar.',
  'teacher.item.mastery': 'Un mapa de dominio de la clase con fortalezas y próximos pasos para cada habilidad',
  'teacher.item.flags': 'Alertas tempranas que explican sus motivos y que usted puede revisar y anular',
  'teacher.item.groups': 'Grupos flexibles según lo que cada estudiante está listo para aprender',
  'teacher.item.assignments': 'Tareas que agrega a su curso mediante enlaces profundos (deep linking)',

  'mentor.title': 'El progreso de su estudiante',
  'mentor.intro': 'Celebre lo que su estudiante hace bien y encuentre formas sencillas de ayudar en casa.',
  'mentor.menteesNone': 'Todavía no hay estudiantes vinculados a su cuenta en este curso. La escuela puede vincularlos por usted.',
  'mentor.menteesOne': 'Tiene 1 estudiante vinculado.',
  'mentor.menteesOther': 'Tiene {count} estudiantes vinculados.',
  'mentor.item.progress': 'El progreso de su hijo o hija, mostrando primero sus fortalezas',
  'mentor.item.home': 'Ideas breves y amenas de qué practicar en casa',
  'mentor.item.updates': 'Novedades escritas en lenguaje sencillo, sin tecnicismos',

  'admin.title': 'Administración de Trellis',
  'admin.intro': 'Gestione cómo se conecta Trellis con la plataforma de aprendizaje de su escuela.',
  'admin.item.registration': 'Registro de plataformas e implementaciones',
  'admin.item.keys': 'Claves de firma y su rotación',
  'admin.item.usage': 'Uso en cursos y escuelas',
  'admin.item.privacy': 'Configuración de privacidad, conservación de datos y solicitudes de datos',

  'deepLinking.title': 'Agregar Trellis a su curso',
  'deepLinking.intro': 'Pronto podrá elegir aquí una actividad de Trellis y agregarla a su curso como tarea.',
  'deepLinking.pickerComing': 'El selector de tareas estará disponible pronto. Por ahora, puede cerrar esta ventana y volver a su curso.',

  'noRole.title': 'Le damos la bienvenida a Trellis',
  'noRole.body': 'Su rol en este curso todavía no tiene una vista en Trellis, así que no hay nada que mostrar aquí.',
  'noRole.nextStep': 'Si cree que debería ver algo, pida al docente del curso que revise su rol.',

  'members.heading': 'Lista de la clase',
  'members.caption': 'Personas que han abierto Trellis en este curso ({count})',
  'members.name': 'Nombre',
  'members.roles': 'Roles',
  'members.lastLaunch': 'Último acceso a Trellis',
  'members.anonymous': 'Anónimo',
  'members.noRoles': 'Ninguno',
  'members.never': 'Todavía no',
  'members.loading': 'Cargando la lista de la clase…',
  'members.loaded': 'Lista de la clase cargada.',
  'members.empty': 'Nadie ha abierto Trellis en este curso todavía. Los estudiantes aparecerán aquí después de su primera visita.',
  'members.noCourse': 'Abra Trellis desde un curso para ver la lista de su clase.',
  'members.retry': 'Intentar de nuevo',

  'error.heading': 'No pudimos cargar esto',
  'error.network': 'Trellis no pudo conectarse con el servidor. Revise su conexión e inténtelo de nuevo.',
  'error.unauthenticated': 'Su sesión de Trellis terminó. Abra Trellis de nuevo desde su curso.',
  'error.forbidden': 'No tiene acceso a esta lista de la clase.',
  'error.notFound': 'Trellis no encontró este curso.',
  'error.generic': 'Algo salió mal de nuestro lado. Inténtelo de nuevo en un momento.',
  'error.code': 'Código de error: {code}',
};
