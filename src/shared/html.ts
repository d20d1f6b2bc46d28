/** Text made safe inside HTML (element content and quoted attributes): the five special characters as numeric entities. */
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
