/** The page's element of `id` (the shells give every id once, so it is there). */
export const byId = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;
