/** A time as the admin screens show it: local date and time in the screen's language. */
export function formatDateTime(at: number, language: string): string {
  return new Date(at).toLocaleString(language, { dateStyle: 'short', timeStyle: 'short' });
}
