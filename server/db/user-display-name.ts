// How a person's name is shown everywhere: the LMS's full name, else given + family name,
// else NULL (pseudonymous or anonymous launches), as one SQL expression over app_user.
export const displayNameSql = (alias: string): string =>
  `coalesce(${alias}.name, nullif(concat_ws(' ', ${alias}.given_name, ${alias}.family_name), ''))`;
